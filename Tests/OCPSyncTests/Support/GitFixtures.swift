import Foundation
import Testing

/// Temporary directories and repositories made with the git CLI, for tests that run git for real.
enum GitFixtures {
    /// A new empty directory, removed by the caller.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-git-test-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs a shell script in `directory`, failing the test if it fails.
    static func shell(_ script: String, in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-ec", script]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "script failed: \(script)")
    }

    /// A repository at `directory` with one empty commit on `main`.
    static func makeOrigin(at directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try shell("git init -q -b main . && git -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m first", in: directory)
    }
}
