import Foundation
import OCPClient
import OCPModel
import Testing

extension AWSDriverTests {
    @Test("the janitor finds a resource set whose cluster is gone by its uid tag and removes it, leaving live clusters alone")
    func orphanSweep() async throws {
        try await AWSTestbed.with(region: "ca-central-1") { testbed in
            try await testbed.serve(janitorSeconds: 2) { _, _, cli in
                try TenancyTests.applyStdin(cli, AWSTestbed.manifest("keeper"))
                try await eventually("Ready", timeout: .seconds(180)) { try cli.cluster("keeper").isReady }
                let keeper = try #require(try cli.cluster("keeper").metadata.uid)
                let before = try await testbed.liveInstances(uid: keeper).map(\.id).sorted()

                let lost = UUID().uuidString.lowercased()
                let infraID = try testbed.installBehindOurBack(name: "lost", uid: lost)
                #expect(try await !testbed.leftovers(infraID: infraID).isEmpty, "the lost cluster's resources exist")
                try await eventually("the lost cluster's resources are gone", timeout: .seconds(180)) {
                    try await testbed.leftovers(infraID: infraID).isEmpty
                }
                #expect(try await testbed.liveInstances(uid: keeper).map(\.id).sorted() == before, "the live cluster keeps every instance")
                #expect(try cli.cluster("keeper").isReady)

                let config = try ClientConfigFile.load(path: cli.environment["OCPCTL_CONFIG"] ?? "")
                let sweeps = try await config.client().auditEvents()
                    .filter { $0.verb == "delete-orphans" }
                #expect(sweeps.contains { $0.name == infraID && $0.actor == "system:janitor" }, "\(sweeps.map { "\($0.actor) \($0.name)" })")
                let keeperInfraID = try #require(try await testbed.liveInfraIDs(uid: keeper).first)
                #expect(!sweeps.contains { $0.name == keeperInfraID }, "\(sweeps.map { "\($0.name ?? "") \($0.summary)" })")
            }
        }
    }

    @Test("credentials lost after install: Degraded and Ready Unknown name the cause, nothing is reinstalled; restored, Ready again")
    func credentialsLostAfterInstall() async throws {
        try await AWSTestbed.with(region: "sa-east-1") { testbed in
            let dataDir = temporaryDirectory("ocpctl-aws-creds")
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let cli = CLI(environment: ["OCPCTL_CONFIG": dataDir + "/client.yaml"])
            let good = testbed.serveProcess(dataDir: dataDir, artifacts: dataDir + "/artifacts")
            try good.start()
            defer { good.kill9() }
            try await eventually("the client config is written") { FileManager.default.fileExists(atPath: dataDir + "/client.yaml") }
            try TenancyTests.applyStdin(cli, AWSTestbed.manifest("creds"))
            try await eventually("Ready", timeout: .seconds(180)) { try cli.cluster("creds").isReady }
            let uid = try #require(try cli.cluster("creds").metadata.uid)
            let instances = try await testbed.liveInstances(uid: uid).map(\.id).sorted()
            let operations = try await AWSTestbed.operations(cli, "creds").count

            var old = AWSTestbed.server(cli)
            good.kill9()
            let home = temporaryDirectory("ocpctl-aws-home")
            defer { try? FileManager.default.removeItem(atPath: home) }
            let expired = testbed.serveProcess(dataDir: dataDir, artifacts: dataDir + "/artifacts", environment: [
                "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "HOME": home,
                "AWS_SHARED_CREDENTIALS_FILE": home + "/none", "AWS_CONFIG_FILE": home + "/none",
            ])
            try expired.start()
            defer { expired.kill9() }
            try await AWSTestbed.waitForServer(cli, replacing: old)
            let degraded = try await poll("Degraded names the credentials", timeout: .seconds(60)) { () -> Condition? in
                let condition = try? cli.cluster("creds").status?.conditions.condition(ConditionType.degraded)
                return condition?.reason == Reason.cloudUnreachable ? condition : nil
            }
            #expect(degraded.status == .true && degraded.message.contains("AWS credentials"), "\(degraded.message)")
            #expect(try cli.cluster("creds").status?.conditions.condition(ConditionType.ready)?.status == .unknown)
            try await Task.sleep(for: .seconds(3))
            #expect(expired.isRunning, "serve keeps running")
            #expect(try await AWSTestbed.operations(cli, "creds").count == operations, "no operation is started blind")
            #expect(try await testbed.liveInstances(uid: uid).map(\.id).sorted() == instances)

            old = AWSTestbed.server(cli)
            expired.kill9()
            let restored = testbed.serveProcess(dataDir: dataDir, artifacts: dataDir + "/artifacts")
            try restored.start()
            defer { restored.kill9() }
            try await AWSTestbed.waitForServer(cli, replacing: old)
            try await eventually("Ready again", timeout: .seconds(60)) {
                let cluster = try cli.cluster("creds")
                return cluster.isReady && cluster.status?.conditions.condition(ConditionType.degraded)?.status == .false
            }
            #expect(try await testbed.liveInstances(uid: uid).count == instances.count)
        }
    }
}
