import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let history: [ConformanceCase] = [
        ConformanceCase("operations start, heartbeat, finish and list with their log") { h in
            let uid = try await h.store.createCluster(cluster("c1"), now: h.now).metadata.uid!
            let started = try await h.store.startOperation(
                NewOperation(clusterUID: uid, type: .create, attempt: 2, generation: 1, requestID: "req-1"), now: h.now, fence: nil)
            #expect(started.operation.state == .running)
            #expect(started.operation.attempt == 2)
            #expect(started.operation.startedAt == h.now)
            #expect(started.requestID == "req-1")
            let beat = try await h.store.heartbeatOperation(id: started.operation.id, now: h.now.adding(seconds: 30),
                                                           appendingLog: "creating VPC\n", fence: nil)
            #expect(beat.operation.heartbeatAt == h.now.adding(seconds: 30))
            let finished = try await h.store.finishOperation(id: started.operation.id, state: .failed, error: "quota exceeded",
                                                            appendingLog: "failed\n", now: h.now.adding(seconds: 60), fence: nil)
            #expect(finished.operation.state == .failed)
            #expect(finished.operation.error == "quota exceeded")
            #expect(finished.operation.finishedAt == h.now.adding(seconds: 60))
            #expect(finished.log == "creating VPC\nfailed\n")
            #expect(try await h.store.getOperation(id: started.operation.id) == finished)
            await expectStoreError({
                try await h.store.heartbeatOperation(id: started.operation.id, now: h.now, appendingLog: nil, fence: nil)
            }) { $0 == .conflict(kind: "Operation", name: started.operation.id, expectedVersion: "Running", actual: "Failed") }
            let second = try await h.store.startOperation(NewOperation(clusterUID: uid, type: .destroy, generation: 1),
                                                          now: h.now.adding(seconds: 90), fence: nil)
            #expect(try await h.store.listOperations(clusterUID: uid).map(\.operation.id) == [started.operation.id, second.operation.id])
            await expectStoreError({ try await h.store.getOperation(id: "nope") }) { $0 == .notFound(kind: "Operation", name: "nope") }
            await expectStoreError({
                try await h.store.startOperation(NewOperation(clusterUID: "no-such-uid", type: .create, generation: 1), now: h.now, fence: nil)
            }) { if case .notFound = $0 { true } else { false } }
        },
        ConformanceCase("operations started in the same second list in the order they started") { h in
            let uid = try await h.store.createCluster(cluster("c1"), now: h.now).metadata.uid!
            var started: [String] = []
            for type in [OperationType.create, .destroy, .create, .destroy, .create, .scaleWorkers] {
                let record = try await h.store.startOperation(NewOperation(clusterUID: uid, type: type, generation: 1), now: h.now, fence: nil)
                started.append(record.operation.id)
                if type != .scaleWorkers {
                    _ = try await h.store.finishOperation(id: record.operation.id, state: .succeeded, error: nil, appendingLog: nil, now: h.now, fence: nil)
                }
            }
            // The reconciler takes the last one as the cluster's current operation: a tie on time must not reorder them.
            #expect(try await h.store.listOperations(clusterUID: uid).map(\.operation.id) == started)
        },
        ConformanceCase("an operation's audit event is written with it, and not when the write is refused") { h in
            let uid = try await h.store.createCluster(cluster("c1"), now: h.now).metadata.uid!
            let event = { (verb: String) in
                AuditEvent(time: h.now, actor: "system:reconciler", verb: verb, resource: "clusters", namespace: "team-a", name: "c1",
                           outcome: "Success", summary: verb)
            }
            let started = try await h.store.startOperation(NewOperation(clusterUID: uid, type: .create, generation: 1), now: h.now,
                                                           fence: nil, audit: event("Create"))
            _ = try await h.store.finishOperation(id: started.operation.id, state: .succeeded, error: nil, appendingLog: nil, now: h.now,
                                                  fence: nil, audit: event("Created"))
            await expectStoreError({
                try await h.store.finishOperation(id: started.operation.id, state: .failed, error: nil, appendingLog: nil, now: h.now,
                                                  fence: nil, audit: event("Refused"))
            }) { if case .conflict = $0 { true } else { false } }
            #expect(try await h.store.listAuditEvents(AuditQuery(name: "c1")).map(\.verb) == ["Create", "Created"])
        },
        ConformanceCase("running operations are listed across clusters for the janitor") { h in
            let first = try await h.store.createCluster(cluster("c1"), now: h.now).metadata.uid!
            let second = try await h.store.createCluster(cluster("c2"), now: h.now).metadata.uid!
            let done = try await h.store.startOperation(NewOperation(clusterUID: first, type: .create, generation: 1), now: h.now, fence: nil)
            _ = try await h.store.finishOperation(id: done.operation.id, state: .succeeded, error: nil, appendingLog: nil, now: h.now, fence: nil)
            let a = try await h.store.startOperation(NewOperation(clusterUID: first, type: .scaleWorkers, generation: 2), now: h.now, fence: nil)
            let b = try await h.store.startOperation(NewOperation(clusterUID: second, type: .create, generation: 1), now: h.now, fence: nil)
            #expect(try await h.store.listRunningOperations().map(\.operation.id) == [a.operation.id, b.operation.id])
        },
        ConformanceCase("audit events append and list with filters") { h in
            for (index, actor) in ["alice", "bob", "alice", "system:ttl"].enumerated() {
                _ = try await h.store.appendAuditEvent(AuditEvent(
                    time: h.now.adding(seconds: Int64(index)), actor: actor, verb: index == 3 ? "delete" : "create", resource: "clusters",
                    namespace: "team-a", name: "c\(index % 2)", requestID: "req-\(index)", outcome: "Success", summary: "event \(index)"))
            }
            let all = try await h.store.listAuditEvents(AuditQuery())
            #expect(all.map(\.summary) == ["event 0", "event 1", "event 2", "event 3"])
            #expect(all.map(\.id!) == all.map(\.id!).sorted())
            #expect(try await h.store.listAuditEvents(AuditQuery(actor: "alice")).map(\.summary) == ["event 0", "event 2"])
            #expect(try await h.store.listAuditEvents(AuditQuery(verb: "delete")).map(\.actor) == ["system:ttl"])
            #expect(try await h.store.listAuditEvents(AuditQuery(name: "c1")).count == 2)
            #expect(try await h.store.listAuditEvents(AuditQuery(since: h.now.adding(seconds: 1), until: h.now.adding(seconds: 3))).count == 2)
            let firstPage = try await h.store.listAuditEvents(AuditQuery(limit: 3))
            #expect(try await h.store.listAuditEvents(AuditQuery(afterID: firstPage.last!.id, limit: 3)).map(\.summary) == ["event 3"])
        },
        ConformanceCase("outputs keep password references; artifacts, usage and RBAC round-trip") { h in
            let uid = try await h.store.createCluster(cluster("c1"), now: h.now).metadata.uid!
            #expect(try await h.store.getClusterOutputs(clusterUID: uid) == nil)
            let outputs = ClusterOutputs(clusterUID: uid, apiURL: "https://api.c1.labs.example.com:6443",
                                         consoleURL: "https://console.apps.c1.labs.example.com", kubeconfigRef: "s3://bucket/c1/kubeconfig",
                                         kubeadminPasswordRef: "secret://ocpctl/c1/kubeadmin")
            let stored = try await h.store.putClusterOutputs(outputs, now: h.now)
            #expect(stored.updatedAt == h.now)
            #expect(try await h.store.getClusterOutputs(clusterUID: uid) == stored)
            var replaced = outputs
            replaced.apiURL = nil
            _ = try await h.store.putClusterOutputs(replaced, now: h.now.adding(seconds: 1))
            #expect(try await h.store.getClusterOutputs(clusterUID: uid)?.apiURL == nil)
            await expectStoreError({ try await h.store.putClusterOutputs(ClusterOutputs(clusterUID: "nope"), now: h.now) }) {
                if case .notFound = $0 { true } else { false }
            }

            let artifact = try await h.store.addClusterArtifact(
                ClusterArtifact(clusterUID: uid, type: "InstallDirSnapshot", uri: "s3://bucket/c1.tgz", checksum: "sha256:ab", size: 4096), now: h.now)
            #expect(artifact.size == 4096)
            #expect(try await h.store.listClusterArtifacts(clusterUID: uid) == [artifact])

            for minute in 0..<3 {
                try await h.store.recordUsage(UsageSample(clusterUID: uid, namespace: "team-a", time: h.now.adding(seconds: Int64(minute * 60)),
                                                          estimatedHourlyCost: 2.5, powerState: minute == 2 ? .hibernating : .running))
            }
            let usage = try await h.store.listUsage(clusterUID: nil, namespace: "team-a", from: h.now, to: h.now.adding(seconds: 120))
            #expect(usage.count == 2)
            #expect(usage.allSatisfy { $0.estimatedHourlyCost == 2.5 && $0.powerState == .running })
            // Every attribute a report groups by comes back as written, and a repeat of a minute replaces it.
            let detailed = UsageSample(clusterUID: uid, namespace: "team-a", time: h.now, estimatedHourlyCost: 0.25, powerState: .hibernating,
                                       clusterName: "c1", profile: "aws-standard", platform: "aws", owner: "alice@example.com",
                                       costCenter: "cc-1", controlPlaneNodes: 3, workerNodes: 2)
            try await h.store.recordUsage(detailed)
            #expect(try await h.store.listUsage(clusterUID: uid, namespace: nil, from: h.now, to: h.now.adding(seconds: 1)) == [detailed])

            try await h.store.putRBACMapping(RBACMapping(principal: "alice", team: "team-a", role: "requester"))
            try await h.store.putRBACMapping(RBACMapping(principal: "alice", team: "team-b", role: "admin", enabled: false))
            try await h.store.putRBACMapping(RBACMapping(principal: "bob", team: "team-a", role: "auditor"))
            try await h.store.putRBACMapping(RBACMapping(principal: "alice", team: "team-a", role: "admin"))
            #expect(try await h.store.listRBACMappings(principal: "alice") == [
                RBACMapping(principal: "alice", team: "team-a", role: "admin"),
                RBACMapping(principal: "alice", team: "team-b", role: "admin", enabled: false),
            ])
            try await h.store.deleteRBACMapping(principal: "bob", team: "team-a")
            #expect(try await h.store.listRBACMappings(principal: nil).count == 2)
            await expectStoreError({ try await h.store.deleteRBACMapping(principal: "bob", team: "team-a") }) {
                if case .notFound = $0 { true } else { false }
            }

            try await h.store.putControllerStatus(ControllerStatus(controller: "reconciler", replica: "r1", heartbeatAt: h.now, observedRevision: 4))
            try await h.store.putControllerStatus(ControllerStatus(controller: "reconciler", replica: "r1", heartbeatAt: h.now.adding(seconds: 5),
                                                                   observedRevision: 9, message: "ok"))
            #expect(try await h.store.listControllerStatus() == [
                ControllerStatus(controller: "reconciler", replica: "r1", heartbeatAt: h.now.adding(seconds: 5), observedRevision: 9, message: "ok"),
            ])
        },
    ]
}
