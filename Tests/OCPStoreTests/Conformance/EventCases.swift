import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let events: [ConformanceCase] = [
        ConformanceCase("each spec change, deletion and creation writes one event in its own commit; status writes write none") { h in
            let key = ClusterKey(namespace: "team-a", name: "c1")
            var created = try await h.store.createCluster(cluster("c1"), now: h.now)
            _ = try await h.store.updateClusterStatus(key, status: ClusterStatus(), resourceVersion: nil, fence: nil)
            created = try await h.store.getCluster(key)
            created.spec.workers = 2
            _ = try await h.store.updateCluster(created)
            var labelled = try await h.store.getCluster(key)
            labelled.metadata.labels = ["x": "y"]
            _ = try await h.store.updateCluster(labelled)
            _ = try await h.store.deleteCluster(key, resourceVersion: nil, now: h.now)
            _ = try await h.store.removeFinalizer(key, finalizer: Cluster.finalizer, fence: nil, now: h.now)
            let pending = try await h.store.pendingEvents(limit: 100)
            #expect(pending.map(\.type) == [.created, .updated, .deleted])
            #expect(pending.map(\.generation) == [1, 2, 2])
            #expect(pending[1].spec.workers == 2)
            #expect(pending.map(\.id) == pending.map(\.id).sorted() && Set(pending.map(\.id)).count == 3)
            #expect(pending.allSatisfy { $0.clusterUID == created.metadata.uid && $0.namespace == "team-a" && $0.name == "c1" })
        },
        ConformanceCase("a refused write writes no event") { h in
            _ = try await h.store.createCluster(cluster("c1"), now: h.now)
            await expectStoreError({ try await h.store.createCluster(cluster("c1"), now: h.now) }) { if case .alreadyExists = $0 { true } else { false } }
            var stale = try await h.store.getCluster(ClusterKey(namespace: "team-a", name: "c1"))
            stale.metadata.resourceVersion = "999"
            stale.spec.workers = 3
            await expectStoreError({ try await h.store.updateCluster(stale) }) { if case .conflict = $0 { true } else { false } }
            #expect(try await h.store.pendingEvents(limit: 10).count == 1)
        },
        ConformanceCase("events marked sent leave the backlog; the backlog counts and dates what waits") { h in
            for name in ["c1", "c2", "c3"] { _ = try await h.store.createCluster(cluster(name, baseDomain: "\(name).example.com"), now: h.now) }
            let pending = try await h.store.pendingEvents(limit: 2)
            #expect(pending.count == 2)
            let before = try await h.store.eventBacklog()
            #expect(before.count == 3 && before.oldestCreatedAtMillis != nil)
            try await h.store.markEventsSent(pending.map(\.id), atMillis: 1000, purgeBeforeMillis: 0)
            let after = try await h.store.pendingEvents(limit: 10)
            #expect(after.map(\.name) == ["c3"])
            #expect(try await h.store.eventBacklog().count == 1)
            try await h.store.markEventsSent(after.map(\.id), atMillis: 2000, purgeBeforeMillis: 5000)
            #expect(try await h.store.eventBacklog() == EventBacklog(count: 0, oldestCreatedAtMillis: nil))
        },
        ConformanceCase("reconcile events follow the schedule: 30 s while a cluster needs attention") { h in
            let schedule = ReconcileSchedule()
            _ = try await h.store.createCluster(cluster("c1"), now: h.now)
            try await h.store.markEventsSent(try await h.store.pendingEvents(limit: 10).map(\.id), atMillis: 0, purgeBeforeMillis: 0)
            #expect(try await h.store.enqueueReconcileEvents(now: h.now, schedule: schedule, limit: 10) == 0, "joins one interval out")
            #expect(try await h.store.enqueueReconcileEvents(now: h.now.adding(seconds: 29), schedule: schedule, limit: 10) == 0)
            #expect(try await h.store.enqueueReconcileEvents(now: h.now.adding(seconds: 30), schedule: schedule, limit: 10) == 1)
            #expect(try await h.store.enqueueReconcileEvents(now: h.now.adding(seconds: 31), schedule: schedule, limit: 10) == 0)
            #expect(try await h.store.enqueueReconcileEvents(now: h.now.adding(seconds: 60), schedule: schedule, limit: 10) == 1)
            let events = try await h.store.pendingEvents(limit: 10)
            #expect(events.map(\.type) == [.reconcile, .reconcile])
            #expect(events.first?.createdAtMillis == h.now.adding(seconds: 30).secondsSinceEpoch * 1000)
        },
        ConformanceCase("a deposed leader's publisher and scheduler write nothing; the new leader's do") { h in
            _ = try await h.store.createCluster(cluster("c1"), now: h.now)
            let old = try #require(try await h.store.acquireLease("leader", holder: "replica-a", duration: 15, now: h.now).fence)
            let takeover = h.now.adding(seconds: 40)
            let new = try #require(try await h.store.acquireLease("leader", holder: "replica-b", duration: 15, now: takeover).fence)
            let stale: (StoreError) -> Bool = { $0 == .staleFence(lease: "leader", epoch: old.epoch, currentEpoch: new.epoch, currentHolder: "replica-b") }
            let ids = try await h.store.pendingEvents(limit: 10).map(\.id)
            await expectStoreError({ try await h.store.markEventsSent(ids, atMillis: 0, purgeBeforeMillis: 0, fence: old) }, stale)
            await expectStoreError({
                try await h.store.enqueueReconcileEvents(now: takeover, schedule: ReconcileSchedule(), limit: 10, fence: old)
            }, stale)
            #expect(try await h.store.eventBacklog().count == 1, "nothing was marked and nothing scheduled")
            try await h.store.markEventsSent(ids, atMillis: 0, purgeBeforeMillis: 0, fence: new)
            #expect(try await h.store.eventBacklog().count == 0)
        },
        ConformanceCase("a controller report is stored per cluster and controller, and bumps the cluster's resourceVersion") { h in
            let key = ClusterKey(namespace: "team-a", name: "c1")
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            let report = ControllerReport(controllerName: "dns", observedGeneration: 1, conditions: [ReportedCondition(type: "Available", status: .true)],
                                          metadata: ["record": "api.c1"], lastError: ControllerError(message: "slow zone"))
            let touched = try await h.store.putControllerReport(key, report: report, now: h.now)
            #expect(Int64(touched.metadata.resourceVersion!)! > Int64(created.metadata.resourceVersion!)!)
            #expect(touched.metadata.generation == 1)
            var second = report
            second.controllerName = "net"
            second.lastError = nil
            _ = try await h.store.putControllerReport(key, report: second, now: h.now)
            var replaced = report
            replaced.lastError = nil
            _ = try await h.store.putControllerReport(key, report: replaced, now: h.now.adding(seconds: 5))
            let stored = try await h.store.controllerReports(clusterUID: created.metadata.uid!)
            #expect(stored.map(\.controllerName) == ["dns", "net"])
            #expect(stored[0].lastError == nil && stored[0].metadata == ["record": "api.c1"] && stored[0].lastUpdateTime == h.now.adding(seconds: 5))
            #expect(try await h.store.clusterKey(uid: created.metadata.uid!) == key)
            await expectStoreError({ try await h.store.putControllerReport(ClusterKey(namespace: "team-a", name: "nope"), report: report, now: h.now) }) {
                if case .notFound = $0 { true } else { false }
            }
            #expect(try await h.store.pendingEvents(limit: 10).count == 1, "a report is not a spec change")
        },
    ]
}
