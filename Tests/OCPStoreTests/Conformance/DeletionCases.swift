import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let deletion: [ConformanceCase] = [
        ConformanceCase("delete sets deletionTimestamp; removing the finalizer removes the cluster; history stays") { h in
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            let uid = created.metadata.uid!
            let key = ClusterKey(namespace: "team-a", name: "c1")
            let operation = try await h.store.startOperation(NewOperation(clusterUID: uid, type: .create, generation: 1), now: h.now, fence: nil)
            _ = try await h.store.appendAuditEvent(AuditEvent(time: h.now, actor: "alice", verb: "create", resource: "clusters",
                                                             namespace: "team-a", name: "c1", outcome: "Success", summary: "created"))
            try await h.store.recordUsage(UsageSample(clusterUID: uid, namespace: "team-a", time: h.now, estimatedHourlyCost: 2.5,
                                                      powerState: .running))

            let later = h.now.adding(seconds: 60)
            let deleting = try #require(try await h.store.deleteCluster(key, resourceVersion: nil, now: later))
            #expect(deleting.metadata.deletionTimestamp == later)
            #expect(deleting.metadata.finalizers == [Cluster.finalizer])
            #expect(try await h.store.getCluster(key).metadata.deletionTimestamp == later)
            // A second delete changes nothing, not even the timestamp.
            let again = try await h.store.deleteCluster(key, resourceVersion: nil, now: later.adding(seconds: 5))
            #expect(again == deleting)

            let gone = try await h.store.removeFinalizer(key, finalizer: Cluster.finalizer, fence: nil, now: later.adding(seconds: 10))
            #expect(gone == nil)
            await expectStoreError({ try await h.store.getCluster(key) }) { $0 == .notFound(kind: "Cluster", name: "team-a/c1") }
            #expect(try await h.store.getCluster(uid: uid) == nil)
            #expect(try await h.store.listClusters(ClusterListQuery()).items.isEmpty)

            #expect(try await h.store.listOperations(clusterUID: uid).map(\.operation.id) == [operation.operation.id])
            #expect(try await h.store.listAuditEvents(AuditQuery(namespace: "team-a", name: "c1")).count == 1)
            #expect(try await h.store.listUsage(clusterUID: uid, namespace: nil, from: h.now, to: later).count == 1)

            // The name and DNS name are free again; the new cluster is a new object.
            let reborn = try await h.store.createCluster(cluster("c1"), now: later)
            #expect(reborn.metadata.uid != uid)
        },
        ConformanceCase("delete of a cluster without finalizers removes it at once") { h in
            _ = try await h.store.createCluster(cluster("c1"), now: h.now)
            let key = ClusterKey(namespace: "team-a", name: "c1")
            let unfinalized = try #require(try await h.store.removeFinalizer(key, finalizer: Cluster.finalizer, fence: nil, now: h.now))
            #expect(unfinalized.metadata.finalizers == nil)
            #expect(try await h.store.deleteCluster(key, resourceVersion: nil, now: h.now) == nil)
            await expectStoreError({ try await h.store.getCluster(key) }) { if case .notFound = $0 { true } else { false } }
            await expectStoreError({ try await h.store.deleteCluster(key, resourceVersion: nil, now: h.now) }) {
                if case .notFound = $0 { true } else { false }
            }
        },
        ConformanceCase("delete honours a resourceVersion precondition") { h in
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            let key = ClusterKey(namespace: "team-a", name: "c1")
            _ = try await h.store.updateClusterStatus(key, status: ClusterStatus(), resourceVersion: nil, fence: nil)
            await expectStoreError({ try await h.store.deleteCluster(key, resourceVersion: created.metadata.resourceVersion, now: h.now) }) {
                if case .conflict = $0 { true } else { false }
            }
            #expect(try await h.store.getCluster(key).metadata.deletionTimestamp == nil)
        },
    ]
}
