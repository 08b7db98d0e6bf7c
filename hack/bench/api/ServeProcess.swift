import Foundation
import OCPClient

/// A real `ocpctl serve` on a free port with a zero-duration simulated cloud, in its own data directory.
final class ServeProcess: @unchecked Sendable {
    let dataDir: String
    let config: ClientConfigFile
    private let process: Process
    /// The server's process ID, for its memory.
    var pid: Int32 { process.processIdentifier }

    private init(dataDir: String, config: ClientConfigFile, process: Process) {
        self.dataDir = dataDir
        self.config = config
        self.process = process
    }

    /// Starts `binary serve` (SQLite, or PostgreSQL at `postgresURL`) and waits until it has published its client config.
    static func start(binary: String, postgresURL: String?) async throws -> ServeProcess {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-bench-api-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let logPath = dataDir + "/serve.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        // Plain HTTP: this bench measures the API and the reconciler; hack/bench/kube-list.sh measures over TLS.
        process.arguments = ["serve", "--data-dir", dataDir, "--port", "0", "--sim-durations", "instant", "--insecure-http"]
            + (postgresURL.map { ["--postgres", $0] } ?? [])
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        // The server writes the client config once it listens: its URL names the port it was given.
        let configPath = dataDir + "/client.yaml"
        let deadline = ContinuousClock.now + .seconds(60)
        while !FileManager.default.fileExists(atPath: configPath) {
            guard process.isRunning, ContinuousClock.now < deadline else {
                if process.isRunning { process.terminate() }
                throw BenchError("ocpctl serve did not start; see \(logPath)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return ServeProcess(dataDir: dataDir, config: try ClientConfigFile.load(path: configPath), process: process)
    }

    /// Runs `body` against a fresh server, then stops it and removes its data, whether `body` threw or not.
    static func with<Result>(binary: String, postgresURL: String?, _ body: (ServeProcess) async throws -> Result) async throws -> Result {
        let server = try await start(binary: binary, postgresURL: postgresURL)
        do {
            let result = try await body(server)
            await server.remove()
            return result
        } catch {
            await server.remove()
            throw error
        }
    }

    /// Stops the server gracefully, or kills it when it has not stopped after `grace`, and waits for it.
    /// Returns false when it had to be killed: a server that cannot stop is a finding, not a reason to hang.
    @discardableResult
    func stop(grace: Duration = .seconds(30)) async -> Bool {
        guard process.isRunning else { return true }
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        guard process.isRunning else { return true }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        print("warning: ocpctl serve did not stop within \(grace) of SIGTERM and was killed; see \(dataDir)/serve.log")
        return false
    }

    /// Stops the server and removes its data directory (kept when the server had to be killed, for its log).
    private func remove() async {
        if await stop() { try? FileManager.default.removeItem(atPath: dataDir) }
    }
}

/// A benchmark setup failure, with what to look at.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
