import Foundation
import OCPAWS
import OCPClient
import OCPModel
import Testing

/// moto (from `OCPCTL_TEST_MOTO_URL`, which hack/test.sh exports), the cluster API double, and an `ocpctl serve` whose
/// `aws` platform is driven by `openshift-install` (the installer double) against them, in one region of its own.
struct AWSTestbed {
    /// moto's URL; nil when no moto was started.
    static let motoURL = ProcessInfo.processInfo.environment["OCPCTL_TEST_MOTO_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// Under CI a missing moto fails these tests instead of skipping them.
    static let enabled = motoURL != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    static let disabledReason: Comment = "moto not available: run through hack/test.sh, or set OCPCTL_TEST_MOTO_URL"
    static let doubles = Binary.root + "/Tests/Doubles"

    let moto: String
    let region: String
    let directory: String
    let apiURL: String
    let aws: AWSClient

    /// A testbed in `region` (each test its own, so their clusters never meet), torn down after `body`.
    static func with(region: String, _ body: (AWSTestbed) async throws -> Void) async throws {
        guard let moto = motoURL else {
            Issue.record("OCPCTL_TEST_MOTO_URL is not set: on CI, moto must run (hack/test.sh starts it)")
            throw CancellationError()
        }
        let directory = temporaryDirectory("ocpctl-aws")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let api = try DoubleProcess.start(doubles + "/cluster-api-double", ["--port", "0", "--aws-endpoint", moto, "--region", region],
                                          environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"],
                                          log: directory + "/api.log")
        defer { api.stop() }
        let configuration = AWSConfiguration(region: region, endpointOverrides: ["*": AWSEndpoint(url: moto)!])
        let aws = AWSClient(configuration: configuration, credentials: AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing"))
        let testbed = AWSTestbed(moto: moto, region: region, directory: directory, apiURL: api.url, aws: aws)
        try testbed.writeFiles()
        try await body(testbed)
    }

    static let pullSecretAuth = Data("e2e:pull-secret-password-123".utf8).base64EncodedString()

    func writeFiles() throws {
        try #"{"auths":{"quay.io":{"auth":"\#(Self.pullSecretAuth)","email":"e2e@example.com"}}}"#
            .write(toFile: directory + "/pull-secret.json", atomically: true, encoding: .utf8)
        try "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e e2e@example.com\n"
            .write(toFile: directory + "/id.pub", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/profiles", withIntermediateDirectories: true)
        try """
            name: aws-e2e
            platform: aws
            enabled: true
            openshiftVersions: {allowlist: ["4.20.3"], default: "4.20.3"}
            regions: {allowlist: [\(region)], default: \(region)}
            baseDomains: {allowlist: [labs.example.com], default: labs.example.com}
            compute:
              controlPlane: {replicas: 3, instanceType: m6i.xlarge, schedulable: true}
              workers: {replicas: 0, minReplicas: 0, maxReplicas: 3, instanceType: m6i.xlarge}
            lifecycle: {maxTTLHours: 72, defaultTTLHours: 24, allowCustomTTL: true, warnBeforeDestroyHours: 0, maxProvisionAttempts: 5}
            tags: {required: [], defaults: {ManagedBy: ocpctl}}
            costControls: {estimatedHourlyCost: 2.5, currency: USD}

            """.write(toFile: directory + "/profiles/aws-e2e.yaml", atomically: true, encoding: .utf8)
    }

    /// What `ocpctl serve` needs to drive moto: its endpoint and test credentials, the API double's URL, and `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": region, "AWS_ENDPOINT_URL": moto,
            "AWS_PROFILE": "", "AWS_SESSION_TOKEN": "", "OPENSHIFT_INSTALL_DOUBLE_API_URL": apiURL,
        ].merging(extra) { _, new in new }
    }

    /// `serve` arguments for the installer driver on `dataDir`, keeping artifacts in `artifacts`.
    func serveArguments(dataDir: String, artifacts: String, janitorSeconds: Int = 3600) -> [String] {
        ["--data-dir", dataDir, "--port", "0", "--attention-seconds", "1", "--janitor-seconds", "\(janitorSeconds)", "--profiles", directory + "/profiles",
         "--cloud", "aws=openshift-install", "--installer", Self.doubles + "/openshift-install",
         "--pull-secret-file", directory + "/pull-secret.json", "--ssh-key-file", directory + "/id.pub", "--artifacts", artifacts]
    }

    /// Runs `ocpctl serve` for this testbed, hands `body` its data directory, process and CLI, then kills it.
    func serve(artifacts: String? = nil, janitorSeconds: Int = 3600, environment extra: [String: String] = [:],
               _ body: (String, ControllerProcess, CLI) async throws -> Void) async throws {
        let dataDir = temporaryDirectory("ocpctl-aws-serve")
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let process = serveProcess(dataDir: dataDir, artifacts: artifacts ?? dataDir + "/artifacts", janitorSeconds: janitorSeconds, environment: extra)
        try process.start()
        defer { process.kill9() }
        let config = dataDir + "/client.yaml"
        try await eventually("the client config is written") { FileManager.default.fileExists(atPath: config) }
        try await body(dataDir, process, CLI(environment: ["OCPCTL_CONFIG": config]))
    }

    func serveProcess(dataDir: String, artifacts: String, janitorSeconds: Int = 3600, environment extra: [String: String] = [:]) -> ControllerProcess {
        ControllerProcess(command: "serve", arguments: serveArguments(dataDir: dataDir, artifacts: artifacts, janitorSeconds: janitorSeconds),
                          logPath: dataDir + "/serve.log",
                          environment: environment(extra))
    }

    /// The server the CLI's client config names.
    static func server(_ cli: CLI) -> String? {
        (try? ClientConfigFile.load(path: cli.environment["OCPCTL_CONFIG"] ?? ""))?.server
    }

    /// Waits until a restarted `serve` has published its new port (the CLI takes a minute to give up on a dead one),
    /// then until it answers.
    static func waitForServer(_ cli: CLI, replacing old: String?) async throws {
        try await eventually("the restarted server publishes its port", timeout: .seconds(60)) { server(cli) != old }
        try await eventually("the server answers", timeout: .seconds(60)) { try cli.run(["get", "clusters", "-A"]).status == 0 }
    }

    static func manifest(_ name: String, workers: Int = 0, ttl: String = "2h") -> String {
        SyncDirectoryTests.manifest(name, workers: workers, extra: "\n  ttl: \(ttl)")
            .replacingOccurrences(of: "profile: aws-minimal-test", with: "profile: aws-e2e")
    }

    /// Installs a cluster with the installer double directly, as if ocpctl had started it and then lost its record:
    /// every resource carries `uid` in the cluster-uid tag. Returns the installer's infraID.
    func installBehindOurBack(name: String, uid: String) throws -> String {
        let dir = directory + "/behind-\(name)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            apiVersion: v1
            metadata: {name: \(name)}
            baseDomain: labs.example.com
            controlPlane: {name: master, replicas: 1}
            compute: [{name: worker, replicas: 1}]
            platform:
              aws:
                region: \(region)
                userTags: {"ocpctl.io/cluster-uid": "\(uid)", "ocpctl.io/platform": aws}
            pullSecret: '{"auths":{}}'

            """.write(toFile: dir + "/install-config.yaml", atomically: true, encoding: .utf8)
        // The driver drops empty variables before it runs the installer; boto3 reads an empty AWS_PROFILE as a name.
        let result = try Binary.run(["create", "cluster", "--dir", dir], environment: environment().filter { !$0.value.isEmpty },
                                    executable: Self.doubles + "/openshift-install")
        guard result.status == 0 else { throw DoubleProcess.DoubleFailed(message: "the installer double failed: \(result.stderr)") }
        let metadata = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/metadata.json"))) as? [String: Any]
        return metadata?["infraID"] as? String ?? ""
    }

    // MARK: Looking at moto

    /// The cluster's instances that are not terminated.
    func liveInstances(uid: String) async throws -> [EC2Instance] {
        try await aws.ec2.describeInstances(filters: [.tag("ocpctl.io/cluster-uid", uid)]).filter { $0.state != .terminated }
    }

    /// The infraIDs that own a live resource of the cluster.
    func liveInfraIDs(uid: String) async throws -> Set<String> {
        let prefix = "kubernetes.io/cluster/"
        var tags = try await liveInstances(uid: uid).map(\.tags)
        tags += try await aws.tagging.getResources(tagFilters: [TagFilter(key: "ocpctl.io/cluster-uid", values: [uid])])
            .filter { !$0.arn.contains(":instance/") }.map(\.tags)
        return Set(tags.flatMap { $0.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) } })
    }

    /// What still carries `kubernetes.io/cluster/<infraID>`, terminated instances aside (EC2 shows those for a while).
    func leftovers(infraID: String) async throws -> [String] {
        let key = "kubernetes.io/cluster/\(infraID)"
        let instances = try await aws.ec2.describeInstances(filters: [.tagKey(key)]).filter { $0.state != .terminated }.map { "instance \($0.id)" }
        let others = try await aws.tagging.getResources(tagFilters: [TagFilter(key: key)]).map(\.arn).filter { !$0.contains(":instance/") }
        return instances + others
    }

    /// The cluster's operations, oldest first, through the API.
    static func operations(_ cli: CLI, _ name: String) async throws -> [OCPModel.Operation] {
        guard let server = cli.environment["OCPCTL_CONFIG"] else { return [] }
        let config = try ClientConfigFile.load(path: server)
        return try await config.client().operations(namespace: "team-a", name: name).map(\.operation)
    }
}

/// A test double server started for one test: its first stdout line names its URL.
final class DoubleProcess: @unchecked Sendable {
    let process: Process
    let url: String

    private init(process: Process, url: String) {
        self.process = process
        self.url = url
    }

    static func start(_ executable: String, _ arguments: [String], environment: [String: String], log: String) throws -> DoubleProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard line.hasPrefix("listening on ") else {
            process.terminate()
            throw DoubleFailed(message: "\(executable) did not start: \(line)")
        }
        return DoubleProcess(process: process, url: String(line.dropFirst("listening on ".count)))
    }

    /// SIGTERM, then SIGKILL after three seconds.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<30 where process.isRunning { usleep(100_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    struct DoubleFailed: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
