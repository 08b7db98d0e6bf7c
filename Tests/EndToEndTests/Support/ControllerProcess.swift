import Foundation

/// An `ocpctl controller` (or `ocpctl serve`) child process that tests kill and restart.
final class ControllerProcess: @unchecked Sendable {
    let command: String
    let arguments: [String]
    let logPath: String
    /// Variables added to (or, with an empty value, removed from) this process's environment.
    let environment: [String: String]
    private var process: Process?
    private let lock = NSLock()

    init(command: String = "controller", arguments: [String], logPath: String, environment: [String: String] = [:]) {
        self.command = command
        self.arguments = arguments
        self.logPath = logPath
        self.environment = environment
    }

    /// Starts the controller, appending its output to the log file.
    func start() throws {
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = [command] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Binary.root)
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.filter { !$0.value.isEmpty }
        }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        lock.withLock { self.process = process }
    }

    /// Kills the controller with SIGKILL, as a crash or an OOM kill would, and waits for it to be gone.
    func kill9() {
        guard let process = lock.withLock({ self.process }) else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        lock.withLock { self.process = nil }
    }

    /// Asks the controller to stop gracefully (SIGTERM) and waits; returns its exit status.
    @discardableResult
    func terminate() -> Int32? {
        guard let process = lock.withLock({ self.process }) else { return nil }
        process.terminate()
        process.waitUntilExit()
        lock.withLock { self.process = nil }
        return process.terminationStatus
    }

    var isRunning: Bool { lock.withLock { process?.isRunning ?? false } }

    deinit { kill9() }
}

/// A fresh temporary directory.
func temporaryDirectory(_ prefix: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
