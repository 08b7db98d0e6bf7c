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
}
