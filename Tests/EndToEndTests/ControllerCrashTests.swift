import Foundation
import OCPCloud
import OCPSimCloud
import OCPLoader
import OCPModel
import OCPStore
import Synchronization
import OCPTestSupport
import Testing

/// Crash safety of the reconciler (architecture.md §3 "Exclusivity"): kill -9 the controller at random moments while
/// clusters are created, scaled and destroyed; restart it on the same data directory; everything converges,
/// no infraID is ever created twice and nothing is orphaned.
@Suite("Controller crash safety", .serialized)
struct ControllerCrashTests {
    static let clusters = 10
    static let cycles = 5  // 10 clusters × 5 create/scale/destroy cycles = 50 cycles

    @Test("kill -9 during 50 create, scale and destroy cycles")
    func killNine() async throws {
        let dataDir = temporaryDirectory("ocpctl-crash")
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let controller = ControllerProcess(
            arguments: ["--data-dir", dataDir, "--sim-durations", "create=0.4,destroy=0.3,scale=0.3,hibernate=0.2,resume=0.2",
                        "--attention-seconds", "1", "--stable-seconds", "2", "--janitor-seconds", "1", "--profiles", "profiles"],
            logPath: dataDir + "/controller.log")
        try controller.start()
        defer { controller.kill9() }
        let profiles = try ProfileLoader.load(directory: Binary.root + "/profiles")
        let kills = KillCount()

        try await SQLStore.withStore(at: .sqlite(directory: dataDir), now: Self.now()) { store in
            let driver = Driver(store: store, profiles: profiles)
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The killer: SIGKILL at a random moment every 0.3 to 1.5 s, then restart at once.
                group.addTask {
                    var random = TestSeed("controller crash test")
                    while !Task.isCancelled {
                        try await Task.sleep(for: .milliseconds(Int.random(in: 300...1500, using: &random)))
                        controller.kill9()
                        kills.increment()
                        try controller.start()
                    }
                }
                try await withThrowingTaskGroup(of: Void.self) { cycles in
                    for index in 0..<Self.clusters {
                        cycles.addTask { try await driver.cycle(cluster: index, times: Self.cycles) }
                    }
                    try await cycles.waitForAll()
                }
                group.cancelAll()
            }
            // Leave the survivors to one uninterrupted controller and check the end state.
            let survivors = try await store.listClusters(ClusterListQuery()).items
            #expect(survivors.count == Self.clusters, "each cluster ends its last cycle created and scaled")
            for cluster in survivors {
                #expect(cluster.isReady, "\(cluster.metadata.name) converged")
                #expect(cluster.status?.workers == WorkerStatus(desired: 2, ready: 2))
            }
        }

        let cloud = try await SimulatedCloud.open(directory: dataDir, config: .instant)
        let log = try await cloud.log()
        let resources = try await cloud.allResources()
        try await cloud.close()
        let creates = Dictionary(grouping: log.filter { $0.event == "started" && $0.type == .create }, by: \.infraID)
        #expect(creates.count == Self.clusters * Self.cycles, "one infraID per created cluster")
        for (infraID, starts) in creates {
            #expect(starts.count == 1, "\(infraID) was created \(starts.count) times")
        }
        let liveUIDs = try await SQLStore.withStore(at: .sqlite(directory: dataDir), now: Self.now()) { store in
            Set(try await store.listClusters(ClusterListQuery()).items.compactMap(\.metadata.uid))
        }
        let orphans = resources.filter { !liveUIDs.contains($0.clusterUID ?? "") }
        #expect(orphans.isEmpty, "orphaned: \(orphans.map(\.name))")
        #expect(kills.value >= 5, "the controller was killed during the run")
        print("controller crash test: \(kills.value) kills, \(creates.count) clusters created, \(resources.count) resources at the end")
    }

    static func now() -> Timestamp { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

    /// Drives one cluster through create, scale and destroy cycles through the store, as the API would.
    struct Driver: Sendable {
        let store: SQLStore
        let profiles: ProfileCatalog

        func cycle(cluster index: Int, times: Int) async throws {
            let key = ClusterKey(namespace: "crash", name: "crash-\(index)")
            for round in 0..<times {
                var spec = ClusterSpec(profile: "aws-minimal-test").defaulted(by: profiles["aws-minimal-test"]!, requester: "crash-test")
                spec.workers = 1
                _ = try await store.createCluster(Cluster(metadata: ObjectMeta(name: key.name, namespace: key.namespace), spec: spec), now: now())
                try await waitFor(key, "Ready with 1 worker") { $0?.isReady == true && $0?.status?.workers?.ready == 1 }
                try await retryOnConflict {
                    var cluster = try await store.getCluster(key)
                    cluster.spec.workers = 2
                    _ = try await store.updateCluster(cluster)
                }
                try await waitFor(key, "Ready with 2 workers") { $0?.isReady == true && $0?.status?.workers?.ready == 2 }
                if round < times - 1 {
                    _ = try await store.deleteCluster(key, resourceVersion: nil, now: now())
                    try await waitFor(key, "gone") { $0 == nil }
                }
            }
        }

        func now() -> Timestamp { ControllerCrashTests.now() }

        func waitFor(_ key: ClusterKey, _ what: String, _ condition: (Cluster?) -> Bool) async throws {
            try await poll("\(key) is \(what)", timeout: .seconds(90), interval: .milliseconds(50)) { () async throws -> Void? in
                let cluster: Cluster?
                do { cluster = try await store.getCluster(key) } catch StoreError.notFound { cluster = nil }
                return condition(cluster) ? () : nil
            }
        }

        func retryOnConflict(_ body: () async throws -> Void) async throws {
            while true {
                do {
                    return try await body()
                } catch StoreError.conflict {
                    continue
                }
            }
        }
    }
}

/// How many times the controller was killed.
final class KillCount: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
