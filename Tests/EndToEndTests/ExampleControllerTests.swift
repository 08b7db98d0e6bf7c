import Foundation
import OCPClient
import OCPModel
import Testing

extension LoadedEndToEnd {
    /// The example DNS controller (examples/controllers/dns) in the loop with the real `ocpctl serve` and the Pub/Sub
    /// emulator (architecture.md §9): its reports become `status.controllers`, filtered by generation.
    @Suite("External controllers report status", .serialized, .enabled(if: PubSubEmulator.enabled, PubSubEmulator.disabledReason))
    struct ExampleControllerTests {
        @Test("reports flow into status; a stale generation is not Ready; an error is Degraded naming the controller")
        func reportsAggregate() async throws {
            let emulator = try await PubSubEmulator.shared()
            defer { emulator.stop() }
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let (project, topic, subscription) = ("ocpctl-e2e", "events-\(suffix)", "dns-\(suffix)")
            try await emulator.createTopic(project: project, topic: topic, subscription: subscription)

            let dataDir = temporaryDirectory("ocpctl-controllers")
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let profiles = dataDir + "/profiles"
            try FileManager.default.createDirectory(atPath: profiles, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "\(Binary.root)/profiles/aws-minimal-test.yaml", toPath: "\(profiles)/aws-minimal-test.yaml")
            // A cluster of another platform, whose events the controller leaves alone: IBM Cloud, on the simulated cloud here.
            let ibm = try String(contentsOfFile: "\(Binary.root)/profiles/ibm-minimal-test.yaml", encoding: .utf8)
                .replacingOccurrences(of: "enabled: false", with: "enabled: true")
            try ibm.write(toFile: "\(profiles)/ibm-minimal-test.yaml", atomically: true, encoding: .utf8)
            let required = try String(contentsOfFile: "\(Binary.root)/profiles/aws-minimal-test.yaml", encoding: .utf8)
                .replacingOccurrences(of: "name: aws-minimal-test", with: "name: aws-dns-test") + "\nrequiredControllers: [dns]\n"
            try required.write(toFile: "\(profiles)/aws-dns-test.yaml", atomically: true, encoding: .utf8)

            let server = ControllerProcess(command: "serve", arguments: [
                "--data-dir", dataDir, "--port", "0", "--sim-durations", "instant", "--attention-seconds", "1", "--profiles", profiles,
                "--cloud", "ibmcloud=simulated", "--events-pubsub-topic", "projects/\(project)/topics/\(topic)",
            ], logPath: dataDir + "/serve.log", environment: ["PUBSUB_EMULATOR_HOST": emulator.host])
            try server.start()
            defer { server.kill9() }
            let configPath = dataDir + "/client.yaml"
            try await eventually("the client config is written") { FileManager.default.fileExists(atPath: configPath) }
            let cli = CLI(environment: ["OCPCTL_CONFIG": configPath])
            let config = try ClientConfigFile.load(path: configPath)

            let created = try cli.ok(["token", "create", "--user", "system:controller:dns", "--role", "controller", "--controller", "dns"])
            let token = try #require(created.split(separator: "\n").last.map(String.init))
            let zone = dataDir + "/zone.txt"
            // The controller trusts the server's CA as a user would: from the client config.
            let caFile = dataDir + "/controller-ca.pem"
            try #require(try config.certificateAuthorityPEM).write(toFile: caFile, atomically: true, encoding: .utf8)
            func controller() -> ExampleController {
                ExampleController(logPath: dataDir + "/dns.log", environment: [
                    "PUBSUB_EMULATOR_HOST": emulator.host, "PUBSUB_SUBSCRIPTION": "projects/\(project)/subscriptions/\(subscription)",
                    "OCPCTL_SERVER": config.server, "OCPCTL_CA_FILE": caFile, "OCPCTL_TOKEN": token, "ZONE_FILE": zone, "PLATFORM": "aws",
                ])
            }
            var dns = controller()
            try dns.start()
            defer { dns.kill9() }

            // Generation 1: ocpctl's work and the DNS record, then Ready.
            try apply(cli, dataDir, name: "dns-a", profile: "aws-dns-test")
            try apply(cli, dataDir, name: "ibm-b", profile: "ibm-minimal-test")
            let ready = try await poll("dns-a is Ready with 1/1 controllers", timeout: .seconds(90)) { () throws -> Cluster? in
                let cluster = try cli.cluster("dns-a")
                return cluster.isReady && cluster.status?.controllersReady == "1/1" ? cluster : nil
            }
            #expect(ready.status?.controllers?.first?.metadata["record"] == "api.dns-a.labs.example.com.")
            let records = try String(contentsOfFile: zone, encoding: .utf8)
            #expect(records.contains("api.dns-a."), "the controller's visible work: \(records)")
            #expect(!records.contains("ibm-b"), "the controller filters by platform")
            #expect(try cli.ok(["describe", "cluster", "dns-a", "-n", "team-a"]).contains("1/1 controllers ready"))

            // Generation 2 while the controller is down: its report is stale, so the cluster is not Ready.
            dns.kill9()
            _ = try cli.ok(["patch", "cluster", "dns-a", "-n", "team-a", "-p", #"{"spec":{"workers":2}}"#])
            let stale = try await poll("dns-a waits for dns at generation 2") { () throws -> Cluster? in
                let cluster = try cli.cluster("dns-a")
                return cluster.status?.observedGeneration == 2 && cluster.status?.conditions.condition(ConditionType.ready)?.reason
                    == ControllerAggregation.notReadyReason ? cluster : nil
            }
            #expect(!stale.isReady)
            #expect(stale.status?.controllersReady == "0/1")
            let described = try cli.ok(["describe", "cluster", "dns-a", "-n", "team-a"])
            #expect(described.contains("0/1 controllers ready") && described.contains("1 (stale)"), "\(described)")

            // The controller comes back, handles the update it missed, and the cluster is Ready at generation 2.
            dns = controller()
            try dns.start()
            try await eventually("dns-a is Ready again at generation 2", timeout: .seconds(60)) {
                let cluster = try cli.cluster("dns-a")
                return cluster.isReady && cluster.metadata.generation == 2 && cluster.status?.controllersReady == "1/1"
            }

            // An error report makes the cluster Degraded, naming the controller.
            _ = try cli.ok(["patch", "cluster", "dns-a", "-n", "team-a", "-p", #"{"spec":{"tags":{"dns-fail":"true"}}}"#])
            let degraded = try await poll("dns-a is Degraded by dns", timeout: .seconds(60)) { () throws -> Condition? in
                let condition = try cli.cluster("dns-a").status?.conditions.condition(ConditionType.degraded)
                return condition?.status == .true && condition?.observedGeneration == 3 ? condition : nil
            }
            #expect(degraded.reason == ControllerAggregation.errorReason)
            #expect(degraded.message.contains("controller dns:"), "\(degraded.message)")
            #expect(!(try cli.cluster("dns-a").isReady))
            dns.kill9()

            // The original design's path: the controller named in the body; a name outside the token's allowlist is refused.
            let uid = try #require(try cli.cluster("dns-a").metadata.uid)
            let healthy = #"{"controller_name":"dns","observed_generation":3,"conditions":[{"type":"Available","status":"True"}]}"#
            #expect(try await put(config, "/api/v1/clusters/\(uid)/status", healthy, token: token) == 200)
            let other = #"{"controller_name":"net","observed_generation":3,"conditions":[]}"#
            #expect(try await put(config, "/api/v1/clusters/\(uid)/status", other, token: token) == 403)
            let unknown = #"{"controller_name":"dns","observed_generation":3,"colour":"red"}"#
            #expect(try await put(config, "/api/v1/clusters/\(uid)/status", unknown, token: token) == 422)
            let future = #"{"observedGeneration":9,"conditions":[]}"#
            #expect(try await put(config, "/apis/ocpctl.io/v1alpha1/namespaces/team-a/clusters/dns-a/controllers/dns", future, token: token) == 422)
            try await eventually("the healthy report clears Degraded and makes dns-a Ready", timeout: .seconds(60)) {
                let cluster = try cli.cluster("dns-a")
                return cluster.isReady && cluster.status?.conditions.condition(ConditionType.degraded)?.status == .false
            }
        }

        func apply(_ cli: CLI, _ dataDir: String, name: String, profile: String) throws {
            _ = try cli.ok(["apply", "-f", try writeClusterManifest(in: dataDir, name: name, profile: profile)])
        }

        /// A PUT as the controller's token, through a client that trusts the server's CA; returns the status code.
        func put(_ config: ClientConfigFile, _ path: String, _ body: String, token: String) async throws -> Int {
            let client = try OCPClient(server: config.server, token: token, certificateAuthorityPEM: try config.certificateAuthorityPEM)
            return try await client.send("PUT", path, body: Data(body.utf8)).code
        }
    }
}
