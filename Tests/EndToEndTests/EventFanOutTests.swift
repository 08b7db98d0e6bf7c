import Foundation
import OCPModel
import OCPStore
import Testing

extension LoadedEndToEnd {
    /// Events through the transactional outbox to the real Pub/Sub emulator, from the real `ocpctl serve` (architecture.md §9):
    /// nothing lost across a sink outage or a killed publisher, each cluster's events in order.
    @Suite("Event fan-out to Pub/Sub", .serialized, .enabled(if: PubSubEmulator.enabled, PubSubEmulator.disabledReason))
    struct EventFanOutTests {
        static let clusterCount = 100
        /// The 30 s outage; `OCPCTL_TEST_PUBSUB_OUTAGE_SECONDS` may shorten it for a quick local run.
        static let outageSeconds = ProcessInfo.processInfo.environment["OCPCTL_TEST_PUBSUB_OUTAGE_SECONDS"].flatMap(Double.init) ?? 30

        @Test("100 clusters created, updated and deleted; emulator frozen 30 s and the publisher killed -9 mid-run: every event arrives, in order per cluster")
        func nothingLost() async throws {
            let emulator = try await PubSubEmulator.start()
            defer { emulator.stop() }
            let (project, topic, subscription) = ("ocpctl-e2e", "cluster-events", "all-events")
            try await emulator.createTopic(project: project, topic: topic, subscription: subscription)

            let dataDir = temporaryDirectory("ocpctl-events")
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let port = try freePort()
            let arguments = ["--data-dir", dataDir, "--port", String(port), "--sim-durations", "instant", "--attention-seconds", "1",
                             "--events-pubsub-topic", "projects/\(project)/topics/\(topic)", "--events-retry-max-seconds", "2"]
            func serve() -> ControllerProcess {
                ControllerProcess(command: "serve", arguments: arguments, logPath: dataDir + "/serve.log",
                                  environment: ["PUBSUB_EMULATOR_HOST": emulator.host])
            }
            var server = serve()
            try server.start()
            defer { server.kill9() }
            let config = dataDir + "/client.yaml"
            try await eventually("the client config is written") { FileManager.default.fileExists(atPath: config) }
            let cli = CLI(environment: ["OCPCTL_CONFIG": config])

            let log = EventLog()
            let subscriber = Task {
                while !Task.isCancelled {
                    let received = (try? await log.record(try await emulator.pull(project: project, subscription: subscription))) ?? 0
                    if received == 0 { try? await Task.sleep(for: .milliseconds(100)) }
                }
            }
            defer { subscriber.cancel() }

            let manifests = dataDir + "/manifests"
            try writeManifests(to: manifests, workers: 1)
            _ = try cli.ok(["apply", "-f", manifests])
            try await eventually("100 created events arrive", timeout: .seconds(120)) { await log.count >= Self.clusterCount }

            // The sink goes away: updates commit with their events, which wait in the outbox.
            emulator.freeze(true)
            try writeManifests(to: manifests, workers: 2)
            _ = try cli.ok(["apply", "-f", manifests])
            try await Task.sleep(for: .seconds(Self.outageSeconds))
            let waiting = try await backlog(dataDir)
            emulator.freeze(false)
            #expect(waiting >= Int64(Self.clusterCount), "the updates wait in the outbox during the outage, got \(waiting)")

            // The publishing process dies half-way through the deletes; a new one resends what the old one had not marked.
            for index in 0..<Self.clusterCount {
                if index == Self.clusterCount / 2 {
                    server.kill9()
                    server = serve()
                    try server.start()
                    try await eventually("the restarted server answers") { try cli.run(["get", "clusters", "-A"]).status == 0 }
                }
                _ = try cli.ok(["delete", "cluster", "e-\(index)", "-n", "team-\(index % 4)"])
            }

            var progress = "nothing read yet"
            try await poll("every cluster's deleted event arrives and the outbox is empty: \(progress)", timeout: .seconds(180)) { () -> Void? in
                let done = await log.types().values.filter { $0.contains("cluster.deleted") }.count
                let waiting = try? await backlog(dataDir)
                progress = "\(done) of \(Self.clusterCount) deleted events and \(await log.count) events in all seen, outbox backlog "
                    + (waiting.map { "\($0)" } ?? "unreadable")
                return done == Self.clusterCount && waiting == 0 ? () : nil
            }
            // Everything still in flight is in by now: a last pull after the outbox emptied.
            await log.record(try await emulator.pull(project: project, subscription: subscription))
            let missing = await log.missing()
            #expect(missing.isEmpty, "event sequences missing: \(missing.prefix(20))")
            let disorder = await log.outOfOrder()
            #expect(disorder.isEmpty, "out of order: \(disorder.prefix(10))")
            for (uid, types) in await log.types() {
                let lifecycle = types.filter { $0 != ClusterEvent.EventType.reconcile.rawValue }
                #expect(lifecycle.first == "cluster.created" && lifecycle.contains("cluster.updated") && lifecycle.last == "cluster.deleted",
                        "\(uid): \(types)")
            }
            #expect(await log.types().count == Self.clusterCount)
            // SIGTERM ends the publisher at once, and serve with it.
            #expect(server.terminate() == 0)
            print("event fan-out: \(await log.count) events, \(await log.duplicates) redelivered, \(waiting) held during a \(Self.outageSeconds) s outage")
        }

        /// The outbox's unsent count, read from the server's SQLite store as another process.
        func backlog(_ dataDir: String) async throws -> Int64 {
            try await SQLStore.withStore(at: .sqlite(directory: dataDir), now: Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))) {
                try await $0.eventBacklog().count
            }
        }

        func writeManifests(to directory: String, workers: Int) throws {
            for index in 0..<Self.clusterCount {
                try writeClusterManifest(in: directory, name: "e-\(index)", namespace: "team-\(index % 4)", workers: workers)
            }
        }
    }
}
