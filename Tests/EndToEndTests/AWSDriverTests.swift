import Foundation
import OCPAWS
import OCPModel
import Testing

/// The installer driver with the real binary: `ocpctl serve --cloud aws=openshift-install` runs the installer double
/// against moto and scales through the cluster API double, as it would run openshift-install against AWS.
@Suite("AWS through openshift-install, end to end", .serialized, .enabled(if: AWSTestbed.enabled, AWSTestbed.disabledReason))
struct AWSDriverTests {
    @Test("apply, outputs, scale 0 → 2, hibernate and resume, TTL expiry; artifacts in S3 and nothing left tagged")
    func lifecycle() async throws {
        try await AWSTestbed.with(region: "us-east-2") { testbed in
            let bucket = "ocpctl-e2e-\(UUID().uuidString.prefix(8).lowercased())"
            try await testbed.aws.s3.createBucket(bucket)
            try await testbed.serve(artifacts: "s3://\(bucket)/artifacts") { dataDir, _, cli in
                try TenancyTests.applyStdin(cli, AWSTestbed.manifest("life"))
                try await eventually("Ready", timeout: .seconds(180)) { try cli.cluster("life").isReady }
                let cluster = try cli.cluster("life")
                let uid = try #require(cluster.metadata.uid)
                let infraID = try #require(try await testbed.liveInfraIDs(uid: uid).first)
                #expect(try await testbed.liveInfraIDs(uid: uid).count == 1)
                #expect(try cli.cluster("life").status?.infraID == infraID, "status shows the installer's infraID")
                #expect(cluster.status?.phase == .running)
                #expect(cluster.status?.workers == WorkerStatus(desired: 0, ready: 0))

                // Outputs: URLs and references; the kubeconfig downloads, the password is a Secrets Manager reference.
                let table = try cli.ok(["get", "outputs", "cluster/life", "-n", "team-a"])
                #expect(table.contains("\(testbed.apiURL)/clusters/\(infraID)"), "\(table)")
                #expect(table.contains("secretsmanager://\(testbed.region)/ocpctl/\(uid)/kubeadmin-password"), "\(table)")
                let file = testbed.directory + "/kubeconfig"
                _ = try cli.ok(["get", "outputs", "cluster/life", "-n", "team-a", "--kubeconfig-file", file])
                let kubeconfig = try String(contentsOfFile: file, encoding: .utf8)
                #expect(kubeconfig.contains("server: \(testbed.apiURL)/clusters/\(infraID)"))
                let revealed = try cli.ok(["get", "outputs", "cluster/life", "-n", "team-a", "--show-kubeadmin-password"])
                let password = try #require(revealed.split(separator: "\n").last.map { String($0.dropFirst("kubeadmin password: ".count)) })
                let stored = try await testbed.aws.secretsManager.getSecretValue(secretID: "ocpctl/\(uid)/kubeadmin-password")
                #expect(password.count == 23 && stored.secretString == password)
                let logs = try cli.ok(["logs", "cluster/life", "-n", "team-a"])
                #expect(logs.contains("Install complete!"))
                #expect(!logs.contains(password), "the kubeadmin password is scrubbed from the operation log")
                #expect(!logs.contains(AWSTestbed.pullSecretAuth), "the pull secret is scrubbed from the operation log")
                #expect(logs.contains(#"password: "<redacted>""#))

                // Scale 0 → 2 through the MachineSets: two running worker instances.
                _ = try cli.ok(["patch", "cluster", "life", "-n", "team-a", "-p", #"{"spec":{"workers":2}}"#])
                try await eventually("two workers ready", timeout: .seconds(120)) {
                    let current = try cli.cluster("life")
                    return current.isReady && current.status?.workers == WorkerStatus(desired: 2, ready: 2)
                }
                let workers = try await testbed.liveInstances(uid: uid).filter { $0.tags["Name"]?.contains("-worker-") == true }
                #expect(workers.count == 2 && workers.allSatisfy { $0.state == .running }, "\(workers.map { "\($0.id) \($0.state)" })")

                // Hibernate stops every instance; resume starts them all again.
                _ = try cli.ok(["patch", "cluster", "life", "-n", "team-a", "-p", #"{"spec":{"powerState":"Hibernating"}}"#])
                try await eventually("hibernated", timeout: .seconds(120)) { try cli.cluster("life").status?.phase == .hibernated }
                let stopped = try await testbed.liveInstances(uid: uid)
                #expect(stopped.count == 5 && stopped.allSatisfy { $0.state == .stopped }, "\(stopped.map { "\($0.id) \($0.state)" })")
                _ = try cli.ok(["patch", "cluster", "life", "-n", "team-a", "-p", #"{"spec":{"powerState":"Running"}}"#])
                try await eventually("running again", timeout: .seconds(120)) {
                    let current = try cli.cluster("life")
                    return current.isReady && current.status?.phase == .running
                }
                let resumed = try await testbed.liveInstances(uid: uid)
                #expect(resumed.count == 5 && resumed.allSatisfy { $0.state == .running })

                // TTL expiry: the cluster is destroyed and nothing tagged for its infraID remains.
                let created = try #require(cluster.metadata.creationTimestamp)
                let expired = max(0, 61 - (Int64(Date().timeIntervalSince1970) - created.secondsSinceEpoch))
                try await Task.sleep(for: .seconds(expired))
                _ = try cli.ok(["patch", "cluster", "life", "-n", "team-a", "-p", #"{"spec":{"ttl":"1m"}}"#])
                try await eventually("deleted after its TTL", timeout: .seconds(180)) {
                    try cli.run(["get", "cluster", "life", "-n", "team-a"]).status != 0
                }
                #expect(try await testbed.leftovers(infraID: infraID).isEmpty)
                #expect(try await testbed.liveInstances(uid: uid).isEmpty)

                // The install-dir snapshot and both logs are in the bucket.
                let keys = try await testbed.aws.s3.listObjectsV2(bucket: bucket, prefix: "artifacts/clusters/\(uid)/").map(\.key)
                #expect(keys.contains { $0.hasSuffix("/install-dir.tar.gz") }, "\(keys)")
                #expect(keys.contains { $0.hasSuffix("/install.log") }, "\(keys)")
                #expect(keys.contains { $0.hasSuffix("/destroy.log") }, "\(keys)")
                let log = try await testbed.aws.s3.getObject(bucket: bucket, key: try #require(keys.first { $0.hasSuffix("/install.log") }))
                #expect(!String(decoding: log.body, as: UTF8.self).contains(password), "the stored install log is scrubbed")
                _ = dataDir
            }
        }
    }

    @Test("an install that fails halfway: its leftovers are destroyed before the next attempt")
    func failedInstall() async throws {
        try await AWSTestbed.with(region: "us-west-1") { testbed in
            try await testbed.serve(environment: ["OPENSHIFT_INSTALL_DOUBLE_FAIL_AT": "control-plane"]) { _, _, cli in
                try TenancyTests.applyStdin(cli, AWSTestbed.manifest("half"))
                let uid = try await poll("the cluster has a uid") { try? cli.cluster("half").metadata.uid }
                var first: String?
                var seen: [String] = []
                var reported: String?
                // Until the second attempt starts, at most one resource set exists at any time.
                try await eventually("a second Create after a Destroy", timeout: .seconds(150)) {
                    let live = try await testbed.liveInfraIDs(uid: uid)
                    #expect(live.count <= 1, "two resource sets at once: \(live.sorted())")
                    if first == nil, let only = live.first { first = only }
                    let provisioned = try cli.cluster("half").status?.conditions.condition(ConditionType.provisioned)
                    if provisioned?.reason == Reason.provisionFailed { reported = provisioned?.message }
                    let operations = try await AWSTestbed.operations(cli, "half")
                    seen = operations.map { "\($0.type.rawValue) \($0.state.rawValue)" }
                    return operations.count >= 3
                }
                let operations = try await AWSTestbed.operations(cli, "half")
                #expect(Array(seen.prefix(2)) == ["Create Failed", "Destroy Succeeded"], "\(seen)")
                #expect(operations.first?.error?.contains("exited with code 4") == true, "\(operations.first?.error ?? "")")
                #expect(operations[2].type == .create)
                let infraID = try #require(first)
                #expect(try await testbed.leftovers(infraID: infraID).isEmpty, "the first attempt's resources are gone")
                #expect(reported?.contains("exited with code 4") == true, "Provisioned said: \(reported ?? "nothing")")
            }
        }
    }

    @Test("a destroy that leaves a resource: Degraded names it, and a retry removes it")
    func leakyDestroy() async throws {
        try await AWSTestbed.with(region: "us-west-2") { testbed in
            let dataDir = temporaryDirectory("ocpctl-aws-leak")
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let leaky = testbed.serveProcess(dataDir: dataDir, artifacts: dataDir + "/artifacts",
                                             environment: ["OPENSHIFT_INSTALL_DOUBLE_DESTROY_LEAK": "security-group"])
            try leaky.start()
            defer { leaky.kill9() }
            let cli = CLI(environment: ["OCPCTL_CONFIG": dataDir + "/client.yaml"])
            try await eventually("the client config is written") { FileManager.default.fileExists(atPath: dataDir + "/client.yaml") }
            try TenancyTests.applyStdin(cli, AWSTestbed.manifest("leak"))
            try await eventually("Ready", timeout: .seconds(180)) { try cli.cluster("leak").isReady }
            let uid = try #require(try cli.cluster("leak").metadata.uid)
            let infraID = try #require(try await testbed.liveInfraIDs(uid: uid).first)
            _ = try cli.ok(["delete", "cluster", "leak", "-n", "team-a"])
            let message = try await poll("Degraded names the leftovers", timeout: .seconds(120)) { () -> String? in
                let condition = try? cli.cluster("leak").status?.conditions.condition(ConditionType.degraded)
                return condition?.status == .true ? condition?.message : nil
            }
            #expect(message.contains("destroy left") && message.contains("\(infraID)-node") && message.contains("sg-"), "\(message)")
            #expect(try await !testbed.leftovers(infraID: infraID).isEmpty)

            // The cause is fixed (the controller restarts without it); the retry after the backoff removes the rest.
            let old = AWSTestbed.server(cli)
            leaky.kill9()
            let fixed = testbed.serveProcess(dataDir: dataDir, artifacts: dataDir + "/artifacts")
            try fixed.start()
            defer { fixed.kill9() }
            try await AWSTestbed.waitForServer(cli, replacing: old)
            try await eventually("deleted", timeout: .seconds(180)) { try cli.run(["get", "cluster", "leak", "-n", "team-a"]).status != 0 }
            #expect(try await testbed.leftovers(infraID: infraID).isEmpty)
        }
    }

    @Test("kill -9 of serve mid-install: after the restart no second resource set exists, and the cluster converges")
    func killedMidInstall() async throws {
        try await AWSTestbed.with(region: "eu-west-1") { testbed in
            let dataDir = temporaryDirectory("ocpctl-aws-crash")
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let slow = ["OPENSHIFT_INSTALL_DOUBLE_STEP_SECONDS": "1.5"]
            let first = testbed.serveProcess(dataDir: dataDir, artifacts: dataDir + "/artifacts", environment: slow)
            try first.start()
            defer { first.kill9() }
            let cli = CLI(environment: ["OCPCTL_CONFIG": dataDir + "/client.yaml"])
            try await eventually("the client config is written") { FileManager.default.fileExists(atPath: dataDir + "/client.yaml") }
            try TenancyTests.applyStdin(cli, AWSTestbed.manifest("crash"))
            let uid = try await poll("the cluster has a uid") { try? cli.cluster("crash").metadata.uid }
            let firstInfraID = try await poll("the install has created something", timeout: .seconds(60)) {
                try await testbed.liveInfraIDs(uid: uid).first
            }
            let old = AWSTestbed.server(cli)
            first.kill9()

            let second = testbed.serveProcess(dataDir: dataDir, artifacts: dataDir + "/artifacts", environment: slow)
            try second.start()
            defer { second.kill9() }
            try await AWSTestbed.waitForServer(cli, replacing: old)
            var infraIDs: Set<String> = [firstInfraID]
            try await eventually("Ready after the restart", timeout: .seconds(240)) {
                let live = try await testbed.liveInfraIDs(uid: uid)
                #expect(live.count <= 1, "two resource sets at once: \(live.sorted())")
                infraIDs.formUnion(live)
                return try cli.cluster("crash").isReady
            }
            let operations = try await AWSTestbed.operations(cli, "crash")
            #expect(operations.first?.error?.contains("interrupted") == true, "\(operations.first?.error ?? "")")
            #expect(operations.map(\.type) == [.create, .destroy, .create], "\(operations.map(\.type))")
            #expect(try await testbed.leftovers(infraID: firstInfraID).isEmpty, "the interrupted attempt left nothing")
            #expect(try await testbed.liveInfraIDs(uid: uid).count == 1)
            #expect(infraIDs.count == 2)
        }
    }

    @Test("no usable AWS credentials: a clear condition, attempts backed off, no crash loop")
    func badCredentials() async throws {
        try await AWSTestbed.with(region: "ap-southeast-1") { testbed in
            let home = temporaryDirectory("ocpctl-aws-home")
            defer { try? FileManager.default.removeItem(atPath: home) }
            try await testbed.serve(environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "HOME": home,
                                                  "AWS_SHARED_CREDENTIALS_FILE": home + "/none", "AWS_CONFIG_FILE": home + "/none"]) { _, process, cli in
                try TenancyTests.applyStdin(cli, AWSTestbed.manifest("nocreds"))
                let message = try await poll("the failure is reported", timeout: .seconds(60)) { () -> String? in
                    let condition = try? cli.cluster("nocreds").status?.conditions.condition(ConditionType.provisioned)
                    return condition?.reason == Reason.provisionFailed ? condition?.message : nil
                }
                #expect(message.contains("AWS credentials: no AWS credentials"), "\(message)")
                try await Task.sleep(for: .seconds(5))
                #expect(process.isRunning, "serve keeps running")
                let operations = try await AWSTestbed.operations(cli, "nocreds")
                #expect(operations.count == 1, "the retry waits for its backoff: \(operations.map { "\($0.type) \($0.state)" })")
                let cluster = try cli.cluster("nocreds")
                #expect(cluster.status?.conditions.condition(ConditionType.degraded)?.status == .true)
            }
        }
    }
}
