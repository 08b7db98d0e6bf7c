import Foundation

/// A working copy of a source's repository, refreshed with the git CLI (so anything git can fetch works).
public struct GitCheckout: Sendable {
    /// Where the working copy lives; created on the first fetch.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Fetches `repo`, checks out `revision` (a branch, tag, commit, or `HEAD` for the default branch) and returns its commit.
    public func fetch(repo: String, revision: String) async throws -> String {
        if FileManager.default.fileExists(atPath: directory + "/.git") {
            try await git(["remote", "set-url", "origin", repo])
            try await git(["fetch", "--quiet", "--force", "--prune", "--tags", "origin", "+refs/heads/*:refs/remotes/origin/*"])
        } else {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try await git(["clone", "--quiet", "--no-checkout", repo, "."])
        }
        let commit = try await resolve(revision)
        try await git(["checkout", "--quiet", "--force", "--detach", commit])
        return commit
    }

    private func resolve(_ revision: String) async throws -> String {
        if revision == "HEAD" {
            // The remote's default branch as it is now, not as it was at clone time.
            let line = try await git(["ls-remote", "origin", "HEAD"])
            if let commit = line.split(whereSeparator: \.isWhitespace).first { return String(commit) }
        }
        for candidate in ["origin/\(revision)", revision] {
            if let commit = try? await git(["rev-parse", "--verify", "--quiet", "\(candidate)^{commit}"]), !commit.isEmpty {
                return commit
            }
        }
        throw GitError(arguments: ["rev-parse", revision], status: 1, output: "revision \"\(revision)\" not found in the repository")
    }

    /// Runs git in the working copy and returns its trimmed standard output.
    @discardableResult
    func git(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"  // never wait for a password on a server
        process.environment = environment
        // Output goes to a file, not a pipe: nothing reads a pipe while git runs, and a pipe holds 64 KiB
        // before the writer blocks, which would leave git, and this call, waiting forever.
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-git-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil) else {
            throw GitError(arguments: arguments, status: -1, output: "cannot create \(outputURL.path) for git's output")
        }
        defer { try? FileManager.default.removeItem(at: outputURL) }
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let text = String(decoding: try Data(contentsOf: outputURL), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else { throw GitError(arguments: arguments, status: status, output: text) }
        return text
    }
}

/// A git command that failed, with what it printed.
public struct GitError: Error, Sendable, CustomStringConvertible {
    public var arguments: [String]
    public var status: Int32
    public var output: String
    public var description: String { "git \(arguments.first ?? "") failed (\(status)): \(output)" }
}
