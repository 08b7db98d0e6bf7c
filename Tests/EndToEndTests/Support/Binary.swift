import Foundation

/// Runs the real `ocpctl` binary, as a user would.
enum Binary {
    /// The repository root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `$OCPCTL_BINARY`, or the `ocpctl` built next to the test bundle.
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["OCPCTL_BINARY"] { return explicit }
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [testBundle.appendingPathComponent("ocpctl").path]
        candidates.append(testBundle.deletingLastPathComponent().appendingPathComponent("ocpctl").path)
        candidates.append(root + "/.build/debug/ocpctl")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `ocpctl ARGS` (or another `executable`) in the repository root, feeding `stdin`, with `environment`
    /// added to this process's.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], executable: String = path) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BinaryMissing(path: executable)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        // Files, not pipes: a pipe holds 64 KiB, and a child that fills one stream while this process waits on
        // the other would block both forever. Files never fill, and are read once the child has exited.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let paths = ["in", "out", "err"].map { scratch.appendingPathComponent($0).path }
        FileManager.default.createFile(atPath: paths[0], contents: Data((stdin ?? "").utf8))
        FileManager.default.createFile(atPath: paths[1], contents: nil)
        FileManager.default.createFile(atPath: paths[2], contents: nil)
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: paths[0]))
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: paths[1]))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: paths[2]))
        defer { [input, out, err].forEach { try? $0.close() } }
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: try String(contentsOfFile: paths[1], encoding: .utf8),
                      stderr: try String(contentsOfFile: paths[2], encoding: .utf8))
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "binary not found at \(path): for ocpctl, run `swift build` first (hack/test.sh does)" }
    }
}
