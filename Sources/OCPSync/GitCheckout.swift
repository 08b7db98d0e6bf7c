import Foundation

/// A working copy of a source's repository, refreshed with the git CLI. The repo, revision and path are user text, so
/// git runs with every value after `--`, only the https and ssh transports (and file, when local repositories are
/// allowed), and no configuration but ours.
public struct GitCheckout: Sendable {
    /// Where the working copy lives; created on the first fetch.
    public let directory: String
    /// Whether `file://` URLs and local paths may be fetched; off on a shared server, where they would read its disk.
    public let allowLocalRepos: Bool
    /// Keys and tokens for private repositories.
    public let credentials: GitCredentials?
    /// The program and leading arguments that run git; tests put a stand-in here.
    let command: [String]

    /// Creates a checkout in `directory`.
    public init(directory: String, allowLocalRepos: Bool = false, credentials: GitCredentials? = nil) {
        self.init(directory: directory, allowLocalRepos: allowLocalRepos, credentials: credentials, command: ["/usr/bin/env", "git"])
    }

    init(directory: String, allowLocalRepos: Bool, credentials: GitCredentials?, command: [String]) {
        self.directory = directory
        self.allowLocalRepos = allowLocalRepos
        self.credentials = credentials
        self.command = command
    }

    /// Fetches `repo`, checks out `revision` (a branch, tag, commit, or `HEAD` for the default branch) and returns its commit.
    public func fetch(repo: String, revision: String) async throws -> String {
        let access = credentials?.environment(for: repo) ?? [:]
        if FileManager.default.fileExists(atPath: directory + "/.git") {
            // `remote set-url` takes `--` as the end of its options (no `--end-of-options` needed), so the URL is never one.
            try await git(["remote", "set-url", "--", "origin", repo])
            try await git(["fetch", "--quiet", "--force", "--prune", "--tags", "--no-recurse-submodules", "--", "origin",
                           "+refs/heads/*:refs/remotes/origin/*"], access: access)
        } else {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try await git(["clone", "--quiet", "--no-checkout", "--", repo, "."], access: access)
        }
        let commit = try await resolve(revision, access: access)
        // `checkout` takes no `--end-of-options` on git 2.39; `commit` is rev-parse's hex output, and `--` ends the revision.
        try await git(["checkout", "--quiet", "--force", "--detach", commit, "--"])
        return commit
    }

    private func resolve(_ revision: String, access: [String: String]) async throws -> String {
        if revision == "HEAD" {
            // The remote's default branch as it is now, not as it was at clone time.
            let line = try await git(["ls-remote", "--", "origin", "HEAD"], access: access)
            if let commit = line.split(whereSeparator: \.isWhitespace).first { return String(commit) }
        }
        for candidate in ["origin/\(revision)", revision] {
            if let commit = try? await git(["rev-parse", "--verify", "--quiet", "--end-of-options", "\(candidate)^{commit}"]), !commit.isEmpty {
                return commit
            }
        }
        throw GitError(arguments: ["rev-parse", revision], status: 1, output: "revision \"\(revision)\" not found in the repository")
    }

    /// Runs git in the working copy and returns its trimmed standard output.
    /// `access` is what the credentials add to the environment for the command's remote.
    @discardableResult
    func git(_ arguments: [String], access: [String: String] = [:]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + protocolOptions + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment(inherited: ProcessInfo.processInfo.environment, access: access)
        // Output goes to a file, not a pipe: nothing reads a pipe while git runs, and a pipe holds 64 KiB
        // before the writer blocks, which would leave git, and this call, waiting forever.
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-git-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil) else {
            throw GitError(arguments: arguments.map(GitError.redacted), status: -1, output: "cannot create \(outputURL.path) for git's output")
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
        guard status == 0 else { throw GitError(arguments: arguments.map(GitError.redacted), status: status, output: GitError.redacted(text)) }
        return text
    }

    /// The transports git may use: `ext::` runs commands, `git://` and `http://` are unauthenticated.
    private var allowedProtocols: [String] { allowLocalRepos ? ["https", "ssh", "file"] : ["https", "ssh"] }

    /// `-c` options refusing every transport but the allowed ones.
    var protocolOptions: [String] {
        ["-c", "protocol.allow=never"] + allowedProtocols.flatMap { ["-c", "protocol.\($0).allow=always"] }
    }

    /// The server's environment without any `GIT_` variable (each could add configuration, a proxy or an ssh command),
    /// then ours: no system or global configuration, no prompts, the allowed transports, and `access`.
    func environment(inherited: [String: String], access: [String: String]) -> [String: String] {
        var environment = inherited.filter { !$0.key.hasPrefix("GIT_") }
        environment["GIT_TERMINAL_PROMPT"] = "0"  // never wait for a password on a server
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        // Takes precedence over every protocol.*.allow setting, so no configuration can widen it.
        environment["GIT_ALLOW_PROTOCOL"] = allowedProtocols.joined(separator: ":")
        return environment.merging(access) { $1 }
    }
}

/// A git command that failed, with what it printed, any password or token in a URL replaced by `***`.
public struct GitError: Error, Sendable, CustomStringConvertible {
    /// The git subcommand and its arguments, without the options every command gets.
    public var arguments: [String]
    /// git's exit status.
    public var status: Int32
    /// What git printed, standard output and error together.
    public var output: String
    public var description: String { "git \(arguments.first ?? "") failed (\(status)): \(output)" }

    /// `text` with the userinfo of every URL in it (`https://user:password@`, `https://token@`) replaced by `***`.
    static func redacted(_ text: String) -> String {
        text.replacing(#/(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@]+@/#) { "\($0.output.scheme)***@" }
    }
}
