import Foundation
@testable import OCPSync
import Testing

/// What git does with hostile repo values that got past admission: the checkout is the last line of defence.
@Suite("Git checkout safety", .timeLimit(.minutes(1)))
struct GitCheckoutSafetyTests {
    /// Fetches `repo` into a new checkout and returns the GitError it must fail with.
    func refusedFetch(_ repo: String, revision: String = "HEAD", allowLocalRepos: Bool, in root: String) async throws -> GitError {
        let checkout = GitCheckout(directory: root + "/checkout-\(UUID().uuidString.prefix(8))", allowLocalRepos: allowLocalRepos)
        return try await #require(throws: GitError.self) { try await checkout.fetch(repo: repo, revision: revision) }
    }

    @Test("a repo spelled as an option is a repository name to git, never --upload-pack", arguments: [false, true])
    func uploadPackOption(allowLocalRepos: Bool) async throws {
        let root = try GitFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let error = try await refusedFetch("--upload-pack=touch \(root)/MARKER", allowLocalRepos: allowLocalRepos, in: root)
        // Read as an option, it would leave "." as the repository; after `--` it is the repository.
        #expect(error.output.contains("repository '--upload-pack=touch \(root)/MARKER' does not exist"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: root + "/MARKER"), "git ran the injected upload-pack command")
    }

    @Test("ext:: is refused by git's transport policy even when local repositories are allowed", arguments: [false, true])
    func extTransport(allowLocalRepos: Bool) async throws {
        let root = try GitFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let error = try await refusedFetch("ext::sh -c touch% \(root)/MARKER", allowLocalRepos: allowLocalRepos, in: root)
        #expect(error.output.contains("transport 'ext' not allowed"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: root + "/MARKER"), "git ran the ext:: command")
    }

    @Test("file:// and local paths are refused unless local repositories are allowed, and then work")
    func localRepositories() async throws {
        let root = try GitFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try GitFixtures.makeOrigin(at: root + "/origin")
        for repo in ["file://\(root)/origin", root + "/origin"] {
            let error = try await refusedFetch(repo, allowLocalRepos: false, in: root)
            #expect(error.output.contains("transport 'file' not allowed"), "\(error)")
        }
        let checkout = GitCheckout(directory: root + "/allowed", allowLocalRepos: true)
        let commit = try await checkout.fetch(repo: "file://\(root)/origin", revision: "main")
        #expect(commit.count == 40)
        // A second fetch updates the existing working copy through `remote set-url` and `fetch`.
        #expect(try await checkout.fetch(repo: "file://\(root)/origin", revision: "HEAD") == commit)
    }

    @Test("a revision spelled as an option is not found, rather than read as one")
    func revisionOption() async throws {
        let root = try GitFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try GitFixtures.makeOrigin(at: root + "/origin")
        let error = try await refusedFetch(root + "/origin", revision: "--all", allowLocalRepos: true, in: root)
        #expect(error.output == #"revision "--all" not found in the repository"#)
    }

    @Test("no inherited GIT_ variable reaches git; ours replace them")
    func inheritedEnvironment() {
        let inherited = [
            "PATH": "/usr/bin:/bin", "HOME": "/home/ocpctl",
            "GIT_CONFIG_PARAMETERS": "'protocol.ext.allow'='always'", "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": "core.sshCommand", "GIT_CONFIG_VALUE_0": "touch /tmp/marker", "GIT_SSH_COMMAND": "touch /tmp/marker",
            "GIT_EXEC_PATH": "/tmp/evil", "GIT_ALLOW_PROTOCOL": "ext", "GIT_PROXY_COMMAND": "touch /tmp/marker",
        ]
        let environment = GitCheckout(directory: "/unused").environment(inherited: inherited, access: [:])
        #expect(environment == [
            "PATH": "/usr/bin:/bin", "HOME": "/home/ocpctl", "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_ALLOW_PROTOCOL": "https:ssh",
        ])
        #expect(GitCheckout(directory: "/unused", allowLocalRepos: true).environment(inherited: [:], access: [:])["GIT_ALLOW_PROTOCOL"]
            == "https:ssh:file")
    }
}
