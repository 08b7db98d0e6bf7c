import MetricsTestKit
import OCPCloud
@testable import OCPController
import OCPModel
import OCPStore
import ServiceLifecycle
import Testing

/// The singletons' writes carry the leader lease's fence, as cluster writes carry their per-cluster lease's:
/// a leader deposed while it was not looking is refused by the store, and nothing it meant to do happens.
@Suite("Fenced singleton writes")
struct SingletonFenceTests {
    @Test("a deposed leader's janitor sweep, compaction and sync writes are refused; the new leader's go through", arguments: Backend.all)
    func staleLeaderRefused(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation(), cloud: .instant) { h in
            try await h.apply("leaky")
            try await h.eventually("leaky", "Ready") { $0.isReady }
            try await h.cloud.leakOnNextDestroy()
            try await h.delete("leaky")
            try await h.eventually("leaky is gone") { try await h.cluster("leaky") == nil }
            let leaked = try await h.cloud.allResources()
            #expect(!leaked.isEmpty)

            // a leads; it stalls (a long GC pause, a frozen VM) past its lease, and b takes over with a new epoch.
            let a = LeaderElection(store: h.store, clock: h.clock, replicaID: "a", leaseSeconds: 6, logger: Harness.quietLogger)
            let b = LeaderElection(store: h.store, clock: h.clock, replicaID: "b", leaseSeconds: 6, logger: Harness.quietLogger)
            await a.attempt("a")
            #expect(a.isLeader)
            h.clock.advance(by: 7)
            await b.attempt("b")
            #expect(b.isLeader)
            #expect(a.isLeader, "a has not looked since: it still believes it leads")

            let stale = Janitor(store: h.store, cloud: h.cloud, profiles: h.profiles, clock: h.clock, fence: a.singletonFence,
                                logger: Harness.quietLogger)
            await #expect(throws: StoreError.self) { _ = try await stale.sweep() }
            #expect(try await h.cloud.allResources().count == leaked.count, "the deposed janitor deleted nothing")
            #expect(try await h.store.listAuditEvents(AuditQuery(actor: SystemActor.janitor)).isEmpty)

            let revision = try await h.store.currentRevision()
            let staleCompactor = ChangeLogCompactor(store: h.store, clock: h.clock, fence: a.singletonFence, logger: Harness.quietLogger)
            await #expect(throws: StoreError.self) { _ = try await staleCompactor.compact(through: revision) }
            if case let .failure(error) = await firstChange(h.store, after: 0) { Issue.record("nothing may be compacted, got \(error)") }

            // What a deposed SyncSource controller writes: a cluster from its repository, and its audit event.
            var cluster = Cluster(metadata: ObjectMeta(name: "from-git", namespace: "team-a"), spec: ClusterSpec(profile: "aws-minimal-test"))
            cluster = try ClusterAdmission.admit(cluster, profiles: h.profiles, requester: "system:sync:team-a/repo", previous: nil)
            let fence = try a.singletonFence.fence()
            await #expect(throws: StoreError.self) { _ = try await h.store.createCluster(cluster, now: h.now, fence: fence) }
            #expect(try await h.cluster("from-git") == nil)

            // The new leader's sweep removes the leak, once.
            let current = Janitor(store: h.store, cloud: h.cloud, profiles: h.profiles, clock: h.clock, fence: b.singletonFence,
                                  logger: Harness.quietLogger)
            #expect(try await current.sweep().orphanedResources == leaked.count)
            #expect(try await h.cloud.allResources().isEmpty)
            #expect(try await h.store.listAuditEvents(AuditQuery(actor: SystemActor.janitor)).count == 1)
            _ = try await h.store.createCluster(cluster, now: h.now, fence: try b.singletonFence.fence())

            // Once a looks again it knows it follows, and its singletons refuse to write at all.
            await a.attempt("a")
            #expect(!a.isLeader)
            #expect(throws: NotLeader.self) { _ = try a.singletonFence.fence() }
        }
    }

    @Test("each singleton reports when it last succeeded")
    func lastSuccess() async throws {
        try await Harness.run(freshSQLite(), cloud: .instant, controllerRunning: false) { h in
            let metrics = TestMetrics()
            let janitor = Janitor(store: h.store, cloud: h.cloud, profiles: h.profiles, clock: h.clock, config: JanitorConfig(interval: 1),
                                  metrics: ControllerMetrics(factory: metrics), logger: Harness.quietLogger)
            let compactor = ChangeLogCompactor(store: h.store, clock: h.clock, interval: 1, metrics: ControllerMetrics(factory: metrics),
                                               logger: Harness.quietLogger)
            let gauge = { (service: String) in
                try? metrics.expectGauge("ocpctl_singleton_last_success_timestamp_seconds", [("service", service)]).lastValue
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await janitor.run() }
                group.addTask { try await compactor.run() }
                defer { group.cancelAll() }
                try await within { h.clock.sleeperCount >= 2 }
                #expect(gauge("janitor") == nil && gauge("compactor") == nil, "nothing has run yet")
                let start = h.clock.now()
                // Short intervals: on a loaded machine the helper's few clock steps must still cover one.
                try await within(advancing: h.clock) { (gauge("janitor") ?? 0) >= start + 1 && (gauge("compactor") ?? 0) >= start + 1 }
            }
        }
    }
}
