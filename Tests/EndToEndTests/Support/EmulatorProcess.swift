import Foundation

/// The Pub/Sub emulator's launcher as a child of the test process. The launcher execs its Java VM, so the child is the
/// emulator itself: a signal to it reaches the server, and it is reaped when it ends.
final class EmulatorProcess: @unchecked Sendable {
    let port: Int
    private let process = Process()
    private let directory: String

    /// Starts the emulator on 127.0.0.1:`port`, its output in a log file of its own.
    init(launcher: String, port: Int) throws {
        self.port = port
        directory = temporaryDirectory("ocpctl-pubsub")
        let logPath = directory + "/emulator.log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: launcher)
        process.arguments = ["--host=127.0.0.1", "--port=\(port)"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try? log.close()
    }

    var isRunning: Bool { process.isRunning }

    /// What the emulator printed so far.
    var log: String { (try? String(contentsOfFile: directory + "/emulator.log", encoding: .utf8)) ?? "" }

    /// Sends `signal` to the emulator while it runs.
    func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Kills the emulator (SIGKILL ends a stopped process too), waits for it, and removes its log.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }
}
