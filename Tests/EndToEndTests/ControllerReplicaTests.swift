import Foundation
import OCPCloud
import OCPSimCloud
import OCPLoader
import OCPModel
import OCPStore
import Testing

extension LoadedEndToEnd {
    /// Several controller replicas on one PostgreSQL (architecture.md §3 "Exclusivity" and §5): per-cluster leases with
    /// fencing, LISTEN/NOTIFY wake-ups, and a dead replica's clusters taken over after its leases lapse.
    @Suite("Controller replicas on PostgreSQL", .serialized, .enabled(if: PostgresServer.enabled, PostgresServer.disabledReason))
    struct ControllerReplicaTests {
        static let clusterCount = 200

        @Test("3 replicas, 200 clusters, one replica killed mid-run: all converge, no overlapping operations on any cluster")
        func replicas() async throws {
            let url = try await PostgresServer.freshDatabase()
            let dataDir = temporaryDirectory("ocpctl-replicas")
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let replicas = (1...3).map { index in
                ControllerProcess(
                    arguments: ["--postgres", url, "--data-dir", dataDir, "--replica-id", "replica-\(index)", "--lease-seconds", "3",
                                "--sim-durations", "create=0.5,destroy=0.3,scale=0.3", "--attention-seconds", "2", "--stable-seconds", "5",
                                "--profiles", "profiles"],
                    logPath: dataDir + "/replica-\(index).log")
            }
            defer { replicas.forEach { $0.kill9() } }
            let profiles = try ProfileLoader.load(directory: Binary.root + "/profiles")
            let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))

            try await SQLStore.withStore(at: .postgres(url: url), now: now) { store in
                // Migrate before the replicas start, so their own migration runs find nothing to do.
                for replica in replicas { try replica.start() }
                for index in 0..<Self.clusterCount {
                    var spec = ClusterSpec(profile: "aws-minimal-test").defaulted(by: profiles["aws-minimal-test"]!, requester: "replica-test")
                    spec.workers = index % 3
                    _ = try await store.createCluster(Cluster(metadata: ObjectMeta(name: "r-\(index)", namespace: "team-\(index % 4)"), spec: spec),
                                                      now: Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
                }
                try await waitUntil("a quarter of the clusters are Ready", store: store) { $0 >= Self.clusterCount / 4 }
                replicas[1].kill9()
                try await waitUntil("all clusters are Ready", store: store, timeout: .seconds(180)) { $0 == Self.clusterCount }

                var holders: [String: Int] = [:]
                for cluster in try await store.listClusters(ClusterListQuery()).items {
                    let lease = try await store.getLease("cluster/\(cluster.metadata.namespace!)/\(cluster.metadata.name)")
                    holders[lease?.holder ?? "none", default: 0] += 1
                }
                print("replica test: leases by holder \(holders.sorted { $0.key < $1.key })")
                #expect(holders.keys.filter { $0.hasPrefix("replica-") }.count >= 2, "work spread across replicas")
            }

            // With PostgreSQL the replicas share one simulated account, in the database.
            let cloud = try await SimulatedCloud.open(postgres: url, config: .instant)
            let operations = try await cloud.operations()
            try await cloud.close()
            #expect(Set(operations.map(\.clusterUID)).count == Self.clusterCount)
            var overlaps: [String] = []
            for (uid, ops) in Dictionary(grouping: operations, by: \.clusterUID) {
                let sorted = ops.sorted { $0.status.startedAt < $1.status.startedAt }
                for (previous, next) in zip(sorted, sorted.dropFirst()) where next.status.startedAt < previous.status.completesAt {
                    overlaps.append("\(uid): \(previous.status.type.rawValue) and \(next.status.type.rawValue)")
                }
            }
            #expect(overlaps.isEmpty, "overlapping operations: \(overlaps)")
            print("replica test: \(operations.count) cloud operations on \(Self.clusterCount) clusters, none overlapping")
        }

        /// Polls how many clusters are Ready until `done` says so.
        func waitUntil(_ what: String, store: SQLStore, timeout: Duration = .seconds(90), _ done: (Int) -> Bool) async throws {
            var ready = 0
            try await poll("\(what) (\(ready) of \(Self.clusterCount) Ready)", timeout: timeout) { () async throws -> Void? in
                ready = try await store.listClusters(ClusterListQuery()).items.filter(\.isReady).count
                return done(ready) ? () : nil
            }
        }
    }
}

/// The PostgreSQL server hack/test.sh starts for the tests.
enum PostgresServer {
    static let url = ProcessInfo.processInfo.environment["OCPCTL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// On CI the PostgreSQL tests always run, so a missing server fails them instead of skipping them.
    static let enabled = url != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    static let disabledReason: Comment = "PostgreSQL tests are disabled: set OCPCTL_TEST_POSTGRES_URL (hack/test.sh does)"

    static func freshDatabase() async throws -> String {
        guard let url else {
            Issue.record("CI=true but OCPCTL_TEST_POSTGRES_URL is not set: the PostgreSQL tests cannot run")
            throw CancellationError()
        }
        return try await SQLStore.createPostgresDatabase(serverURL: url, name: "ocpctl_e2e_\(UUID().uuidString.prefix(8).lowercased())")
    }
}
