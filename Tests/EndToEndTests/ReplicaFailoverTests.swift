import AsyncHTTPClient
import Foundation
import OCPLoader
import OCPModel
import OCPStore
import Synchronization
import Testing

extension LoadedEndToEnd {
    /// Three controller replicas on one PostgreSQL, each with its own data directory as on three machines
    /// (architecture.md §3 "Singletons", §4): they share the store and the simulated account, the singletons run on
    /// the leader alone, and a leader killed with SIGKILL hands them over within the lease time.
    @Suite("Replica failover of the singleton services", .serialized, .timeLimit(.minutes(6)),
           .enabled(if: PostgresServer.enabled, PostgresServer.disabledReason))
    struct ReplicaFailoverTests {
        static let clusterCount = 200
        static let manifestCount = 100
        static let leaseSeconds = 3
        static let gitopsNamespace = "team-b"

        @Test("200 clusters, a source of 100 manifests and a destroy leak on 3 replicas; kill -9 the leader: the singletons move within the lease time, the leak is removed once, the source ends as on one replica, every live replica scrapeable throughout")
        func failover() async throws {
            let repo = try SyncSourceTests.Repo()
            for index in 0..<Self.manifestCount {
                try repo.write("clusters/g-\(index).yaml", SyncDirectoryTests.manifest("g-\(index)", workers: index % 2)
                    .replacingOccurrences(of: "namespace: team-a", with: "namespace: \(Self.gitopsNamespace)"))
            }
            let revision = try repo.commit("a fleet of \(Self.manifestCount)")
            let url = try await PostgresServer.freshDatabase()
            let replicas = (1...3).map { Replica(index: $0, postgres: url) }
            defer { replicas.forEach { $0.process.kill9() } }
            for replica in replicas { try replica.process.start() }
            let metrics = try await withThrowingTaskGroup(of: String.self) { group in
                for replica in replicas { group.addTask { try await replica.metricsURL() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(metrics.count == 3)

            // One replica alone syncs the same commit on a database of its own, beside the three.
            let single = Task { try await Self.singleReplicaResult(repo) }
            defer { single.cancel() }
            let scrapes = Scrapes()
            let scraper = Task { await scrapes.run(replicas) }
            defer { scraper.cancel() }
            let newLeader = try await SQLStore.withStore(at: .postgres(url: url), now: Self.now()) { store in
                try await Self.createClusters(store)
                _ = try await store.createSyncSource(Self.source(repo), now: Self.now())
                try await eventually("every cluster Ready", timeout: .seconds(180)) {
                    try await store.listClusters(ClusterListQuery()).items.filter(\.isReady).count == Self.clusterCount + Self.manifestCount
                }
                _ = try await store.createCluster(Self.cluster("leaky", namespace: "team-c"), now: Self.now())
                try await eventually("leaky Ready") { try await store.getCluster(ClusterKey(namespace: "team-c", name: "leaky")).isReady }
                #expect(try Binary.run(["sim", "leak-next-destroy", "--postgres", url]).status == 0)

                // Kill -9 the leader; a follower must hold the lease, with a new epoch, within the lease time.
                let before = try #require(try await store.getLease("leader/singletons"))
                let leader = try #require(replicas.first { $0.id == before.holder }, "the lease names a replica: \(before)")
                // Marked before the kill: a scrape in flight when the process dies is not a failure of a live replica.
                scrapes.killed(leader.id)
                leader.process.kill9()
                let killedAt = ContinuousClock.now
                let after = try await poll("a follower leads", timeout: .seconds(30), interval: .milliseconds(50)) { () async throws -> Lease? in
                    let lease = try await store.getLease("leader/singletons")
                    return lease.flatMap { $0.holder != leader.id && $0.holder != nil ? $0 : nil }
                }
                let handover = ContinuousClock.now - killedAt
                print("replica failover: \(leader.id) killed, \(after.holder ?? "?") leads at epoch \(after.epoch) after \(handover)")
                #expect(after.epoch > before.epoch)
                // The lease lapses leaseSeconds after the last renewal, and a follower tries every third of that.
                #expect(handover <= .seconds(Self.leaseSeconds) + .seconds(Double(Self.leaseSeconds) / 3) + .seconds(1))

                // The new leader's janitor removes the leak of a destroy that finished after the old leader died, once.
                let infraID = try await Self.infraID(store, "leaky")
                _ = try await store.deleteCluster(ClusterKey(namespace: "team-c", name: "leaky"), resourceVersion: nil, now: Self.now())
                try await eventually("leaky is gone") { (try? await store.getCluster(ClusterKey(namespace: "team-c", name: "leaky"))) == nil }
                try await eventually("the janitor removed the leak", timeout: .seconds(30)) {
                    try await store.listAuditEvents(AuditQuery(actor: "system:janitor", verb: "delete-orphans")).contains { $0.name == infraID }
                }
                try await Task.sleep(for: .seconds(3))  // three more sweeps: none may find the leak again
                let removals = try await store.listAuditEvents(AuditQuery(actor: "system:janitor", verb: "delete-orphans"))
                #expect(removals.filter { $0.name == infraID }.count == 1, "removed exactly once: \(removals.map(\.summary))")
                #expect(removals.count == 1, "no other leak was found: \(removals.map(\.summary))")
                let sim = try Binary.run(["sim", "resources", "--postgres", url, "--infra-id", infraID, "-o", "json"])
                #expect(sim.status == 0 && sim.stdout.filter { !$0.isWhitespace } == "[]", "nothing of leaky is left: \(sim.stdout)")

                // The sync source's results: the same as one replica alone makes of the same commit.
                let replicated = try await Self.syncResult(store)
                #expect(replicated.revision == revision)
                #expect(replicated == (try await single.value))
                return after.holder
            }
            let failures = scrapes.failures
            #expect(scrapes.count > 30, "scraped throughout")
            #expect(failures.isEmpty, "every live replica answered /metrics: \(failures.prefix(5))")
            // A loaded machine may also move leadership before the kill (a renewal late by a lease time): at least the two.
            #expect(scrapes.sawLeader.count >= 2, "the leaders before and after reported ocpctl_leader 1: \(scrapes.sawLeader)")
            #expect(scrapes.sawLeader.contains(newLeader ?? ""), "the new leader's /metrics says so")
        }

        /// What a sync left: the clusters from the source and its Synced condition.
        struct SyncResult: Equatable {
            var clusters: [String]
            var synced: String
            var revision: String?
        }

        static func syncResult(_ store: SQLStore) async throws -> SyncResult {
            try await poll("the source is Synced", timeout: .seconds(120)) { () async throws -> SyncResult? in
                let source = try await store.getSyncSource(namespace: gitopsNamespace, name: "fleet")
                guard let synced = source.status?.conditions?.condition("Synced"), synced.status == .true else { return nil }
                let clusters = try await store.listClusters(ClusterListQuery(namespace: gitopsNamespace)).items
                    .map { "\($0.metadata.name) workers=\($0.spec.workers ?? -1) \($0.isReady ? "Ready" : "NotReady")" }
                guard clusters.count == manifestCount, clusters.allSatisfy({ $0.hasSuffix(" Ready") }) else { return nil }
                return SyncResult(clusters: clusters.sorted(), synced: "\(synced.status.rawValue)/\(synced.reason)", revision: source.status?.lastSyncedRevision)
            }
        }

        /// The same source on one replica alone, on a database of its own.
        static func singleReplicaResult(_ repo: SyncSourceTests.Repo) async throws -> SyncResult {
            let url = try await PostgresServer.freshDatabase()
            let single = Replica(index: 0, postgres: url)
            try single.process.start()
            defer { single.process.kill9() }
            return try await SQLStore.withStore(at: .postgres(url: url), now: now()) { store in
                _ = try await store.createSyncSource(source(repo), now: now())
                return try await syncResult(store)
            }
        }

        static func source(_ repo: SyncSourceTests.Repo) -> SyncSource {
            var spec = SyncSourceSpec(repo: "file://\(repo.path)")
            spec.path = "clusters"
            spec.interval = TTLDuration("1s")
            spec.prune = true
            return SyncSource(metadata: ObjectMeta(name: "fleet", namespace: gitopsNamespace), spec: spec)
        }

        static func createClusters(_ store: SQLStore) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<clusterCount {
                    group.addTask {
                        _ = try await store.createCluster(cluster("r-\(index)", namespace: "team-a", workers: index % 3), now: now())
                    }
                }
                try await group.waitForAll()
            }
        }

        static func cluster(_ name: String, namespace: String, workers: Int = 0) -> Cluster {
            var spec = ClusterSpec(profile: "aws-minimal-test").defaulted(by: profiles["aws-minimal-test"]!, requester: "failover-test")
            spec.workers = workers
            return Cluster(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec)
        }

        static func infraID(_ store: SQLStore, _ name: String) async throws -> String {
            try #require(try await store.getCluster(ClusterKey(namespace: "team-c", name: name)).status?.infraID)
        }

        static let profiles = try! ProfileLoader.load(directory: Binary.root + "/profiles")

        static func now() -> Timestamp { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

        /// One `ocpctl controller` with its own data directory.
        struct Replica: Sendable {
            let id: String
            let dataDir: String
            let process: ControllerProcess

            init(index: Int, postgres: String) {
                id = "replica-\(index)"
                dataDir = temporaryDirectory("ocpctl-\(id)")
                process = ControllerProcess(
                    arguments: ["--postgres", postgres, "--data-dir", dataDir, "--replica-id", id, "--lease-seconds", "\(ReplicaFailoverTests.leaseSeconds)",
                                "--sim-durations", "instant", "--attention-seconds", "1", "--stable-seconds", "5", "--janitor-seconds", "1",
                                "--allow-local-repos", "--profiles", "profiles", "--metrics-port", "0"],
                    logPath: dataDir + "/controller.log")
            }

            func metricsURL() async throws -> String {
                try await poll("\(id) announces its metrics endpoint") { () -> String? in
                    let log = (try? String(contentsOfFile: dataDir + "/controller.log", encoding: .utf8)) ?? ""
                    guard let range = log.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else { return nil }
                    return String(log[range])
                }
            }
        }

        /// Scrapes every live replica's /metrics four times a second and keeps what failed.
        final class Scrapes: Sendable {
            private struct State {
                var dead: Set<String> = []
                var failures: [String] = []
                var count = 0
                var leaders: Set<String> = []
            }

            private let state = Mutex(State())

            var failures: [String] { state.withLock { $0.failures } }
            var count: Int { state.withLock { $0.count } }
            var sawLeader: Set<String> { state.withLock { $0.leaders } }

            func killed(_ id: String) { state.withLock { _ = $0.dead.insert(id) } }

            func run(_ replicas: [Replica]) async {
                var urls: [String: String] = [:]
                for replica in replicas { urls[replica.id] = try? await replica.metricsURL() }
                while !Task.isCancelled {
                    for replica in replicas where !state.withLock({ $0.dead.contains(replica.id) }) {
                        do {
                            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: (urls[replica.id] ?? "") + "/metrics"),
                                                                               timeout: .seconds(2))
                            let body = String(buffer: try await response.body.collect(upTo: 1 << 22))
                            // A kill between the check above and the answer is not a failure of a live replica.
                            state.withLock { state in
                                guard !state.dead.contains(replica.id) else { return }
                                state.count += 1
                                if response.status.code != 200 { state.failures.append("\(replica.id): HTTP \(response.status.code)") }
                                if body.contains("ocpctl_leader{replica=\"\(replica.id)\"} 1") { state.leaders.insert(replica.id) }
                            }
                        } catch {
                            state.withLock { state in
                                if !state.dead.contains(replica.id) { state.failures.append("\(replica.id): \(error)") }
                            }
                        }
                    }
                    try? await Task.sleep(for: .milliseconds(250))
                }
            }
        }
    }
}
