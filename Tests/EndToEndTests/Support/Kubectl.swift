import Foundation
import Testing

/// An unmodified kubectl of one minor version, talking to a `serve` through the kubeconfig that server wrote.
struct Kubectl {
    let version: String
    let path: String
    let environment: [String: String]
    /// Scratch files (manifests) for this session.
    let workDirectory: String

    /// `kubectl.VERSION` as the Google Cloud SDK ships it: beside `gcloud`, in its SDK root, or on PATH.
    static func locate(_ version: String) -> String? {
        let name = "kubectl.\(version)"
        var candidates = ["/usr/lib/google-cloud-sdk/bin/\(name)"]
        if let sdk = sdkRoot { candidates.insert(sdk + "/bin/" + name, at: 0) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        candidates += path.split(separator: ":").map { "\($0)/\(name)" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `gcloud info`'s SDK root, when gcloud is on PATH.
    static var sdkRoot: String? {
        guard let result = try? Binary.run(["gcloud", "info", "--format=value(installation.sdk_root)"], executable: "/usr/bin/env"),
              result.status == 0 else { return nil }
        let root = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return root.isEmpty ? nil : root
    }

    /// A session for `serve`: KUBECONFIG names the kubeconfig it wrote; HOME and the cache are private to the session.
    init(version: String, path: String, serve: Serve) throws {
        self.version = version
        self.path = path
        workDirectory = serve.dataDir + "/kubectl-\(version)"
        try FileManager.default.createDirectory(atPath: workDirectory + "/home", withIntermediateDirectories: true)
        environment = ["KUBECONFIG": serve.dataDir + "/kubeconfig", "HOME": workDirectory + "/home", "KUBECACHEDIR": workDirectory + "/cache"]
    }

    func run(_ arguments: [String], stdin: String? = nil) throws -> Binary.Result {
        try Binary.run(arguments, stdin: stdin, environment: environment, executable: path)
    }

    /// Runs a command that must succeed and returns its standard output.
    func ok(_ arguments: [String], stdin: String? = nil) throws -> String {
        let result = try run(arguments, stdin: stdin)
        #expect(result.status == 0, "kubectl \(version) \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// Writes `text` to a file in the session's directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = workDirectory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts a long-running kubectl (a watch); its output collects in a file until `terminate()`.
    func start(_ arguments: [String]) throws -> KubectlProcess {
        try KubectlProcess(path: path, arguments: arguments, environment: environment, log: workDirectory + "/watch-\(UUID().uuidString).log")
    }

    /// A requester token for `user` in `team`, made with the admin's kubeconfig through `ocpctl token create`.
    func requesterToken(user: String, team: String) throws -> String {
        let result = try Binary.run(["token", "create", "--user", user, "--team", team, "--role", "requester"], environment: ["KUBECONFIG": environment["KUBECONFIG"] ?? ""])
        guard result.status == 0, let token = result.stdout.split(separator: "\n").last else {
            throw KubectlProcess.Failed(message: "token create failed: \(result.stderr)")
        }
        return String(token)
    }
}

/// A kubectl left running, its stdout and stderr in one file.
final class KubectlProcess: @unchecked Sendable {
    let process = Process()
    let log: String

    init(path: String, arguments: [String], environment: [String: String], log: String) throws {
        self.log = log
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    func terminate() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    struct Failed: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
