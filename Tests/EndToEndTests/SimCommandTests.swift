import Foundation
import OCPCloud
import OCPSimCloud
import OCPLoader
import OCPModel
import OCPStore
import Testing

/// `ocpctl sim` against a running `ocpctl controller`: inspect the account, break it, watch it heal.
@Suite("ocpctl sim and ocpctl controller", .serialized)
struct SimCommandTests {
    @Test("every sim subcommand through the real binary, each repaired or cleaned up by the running controller")
    func simCommands() async throws {
        let dataDir = temporaryDirectory("ocpctl-sim-cli")
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let controller = ControllerProcess(
            arguments: ["--data-dir", dataDir, "--sim-durations", "instant", "--attention-seconds", "1", "--stable-seconds", "1",
                        "--janitor-seconds", "1", "--profiles", "profiles"],
            logPath: dataDir + "/controller.log")
        try controller.start()
        defer { controller.kill9() }
        let profile = try ProfileLoader.load(directory: Binary.root + "/profiles")["aws-minimal-test"]!
        let now = { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

        try await SQLStore.withStore(at: .sqlite(directory: dataDir), now: now()) { store in
            var spec = ClusterSpec(profile: "aws-minimal-test").defaulted(by: profile)
            spec.workers = 2
            let key = ClusterKey(namespace: "team-a", name: "sim-cli")
            _ = try await store.createCluster(Cluster(metadata: ObjectMeta(name: key.name, namespace: key.namespace), spec: spec), now: now())
            let ready = try await poll("Ready") { try await store.getCluster(key).isReady ? try await store.getCluster(key) : nil }
            let infraID = try #require(ready.status?.infraID)

            let listing = try Binary.run(["sim", "resources", "--data-dir", dataDir, "--infra-id", infraID, "-o", "json"])
            #expect(listing.status == 0, "\(listing.stderr)")
            let resources = try JSONDecoder().decode([CloudResource].self, from: Data(listing.stdout.utf8))
            #expect(resources.filter { $0.kind == .workerInstance }.count == 2)
            let table = try Binary.run(["sim", "resources", "--data-dir", dataDir])
            #expect(table.stdout.hasPrefix("INFRA ID"))
            #expect(table.stdout.contains("\(infraID)-worker-1"))

            let terminate = try Binary.run(["sim", "terminate-worker", "--data-dir", dataDir, infraID])
            #expect(terminate.status == 0, "\(terminate.stderr)")
            _ = try await poll("the worker replaced") { () -> Bool? in
                let log = try Binary.run(["sim", "log", "--data-dir", dataDir, "-o", "json"]).stdout
                let entries = try JSONDecoder().decode([SimulatedLogEntry].self, from: Data(log.utf8))
                let repaired = entries.contains { $0.type == .scaleWorkers && $0.event == "succeeded" }
                return entries.contains { $0.event == "worker-terminated" } && repaired ? true : nil
            }

            #expect(try Binary.run(["sim", "fail-next-create", "--data-dir", dataDir]).status == 0)
            _ = try await store.createCluster(Cluster(metadata: ObjectMeta(name: "sim-cli-2", namespace: "team-a"), spec: spec), now: now())
            _ = try await poll("a failed attempt recorded") { () -> Bool? in
                let log = try Binary.run(["sim", "log", "--data-dir", dataDir]).stdout
                return log.contains("failed") && log.contains("injected fault") ? true : nil
            }
            // Hibernate by hand: the controller resumes it; delete out of band: it is created again.
            #expect(try Binary.run(["sim", "hibernate", "--data-dir", dataDir, infraID]).status == 0)
            #expect(try Binary.run(["sim", "delete-cluster", "--data-dir", dataDir, infraID]).status == 0)
            _ = try await poll("the cluster recreated after the out-of-band delete") { () -> Bool? in
                let log = try Binary.run(["sim", "log", "--data-dir", dataDir, "-o", "json"]).stdout
                let entries = try JSONDecoder().decode([SimulatedLogEntry].self, from: Data(log.utf8))
                let events = entries.filter { $0.infraID == infraID }.map(\.event)
                guard let deleted = events.lastIndex(of: "cluster-deleted-out-of-band") else { return nil }
                return events.contains("hibernated-by-hand") && events[deleted...].contains("succeeded") ? true : nil
            }
            // A leaky destroy leaves resources for the janitor.
            #expect(try Binary.run(["sim", "leak-next-destroy", "--data-dir", dataDir]).status == 0)
            _ = try await store.deleteCluster(key, resourceVersion: nil, now: now())
            _ = try await poll("the janitor removes what the destroy leaked") { () -> Bool? in
                let log = try Binary.run(["sim", "log", "--data-dir", dataDir]).stdout
                return log.contains("resource-deleted") ? true : nil
            }

            let missing = try Binary.run(["sim", "terminate-worker", "--data-dir", dataDir, "no-such-infra"])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("no-such-infra has no worker"))
        }

        controller.terminate()
        let log = try String(contentsOfFile: dataDir + "/controller.log", encoding: .utf8)
        #expect(log.contains("controller running"))
    }

}
