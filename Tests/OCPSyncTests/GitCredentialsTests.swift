import Foundation
@testable import OCPSync
import Testing

@Suite("Git credentials", .timeLimit(.minutes(1)))
struct GitCredentialsTests {
    static let token = "ghp_s3cretTOKENvalue"

    /// Runs real `git credential fill` for `url` with the environment a checkout gives git for `repo`; nil when git has no password.
    func filledPassword(for url: String, checkout: GitCheckout, repo: String) throws -> String? {
        let components = try #require(URLComponents(string: url))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + checkout.protocolOptions + ["credential", "fill"]
        process.environment = checkout.environment(inherited: ProcessInfo.processInfo.environment,
                                                   access: checkout.credentials?.environment(for: repo) ?? [:])
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("protocol=https\nhost=\(components.host ?? "")\npath=\(components.path.dropFirst())\n\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("password=") }.map { String($0.dropFirst("password=".count)) }
    }

    @Test("an HTTPS token reaches git through a helper that reads its file, only for the prefix's host")
    func httpsToken() throws {
        let root = try GitFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data((Self.token + "\n").utf8).write(to: URL(fileURLWithPath: root + "/token"))
        let credentials = GitCredentials(credentials: [
            .init(urlPrefix: "https://git.example.com/", sshKeyFile: root + "/unused-key"),
            .init(urlPrefix: "https://git.example.com/team-a/", httpsTokenFile: root + "/token"),
        ])
        let checkout = GitCheckout(directory: root, credentials: credentials)
        let repo = "https://git.example.com/team-a/clusters.git"
        let access = credentials.environment(for: repo)
        #expect(access["GIT_CONFIG_KEY_0"] == "credential.https://git.example.com.helper")
        #expect(!access.values.joined().contains(Self.token), "the token itself is in the environment")

        #expect(try filledPassword(for: repo, checkout: checkout, repo: repo) == Self.token)
        // Read when git asks, so a rotated token needs no restart.
        try Data("rotated\n".utf8).write(to: URL(fileURLWithPath: root + "/token"))
        #expect(try filledPassword(for: repo, checkout: checkout, repo: repo) == "rotated")
        // A redirect to another host finds no helper for it: the token is not sent there.
        #expect(try filledPassword(for: "https://elsewhere.example.net/clusters.git", checkout: checkout, repo: repo) == nil)
    }

    @Test("a failing git with a token configured shows neither the token nor a URL's password in its arguments or error")
    func secretsStayOutOfErrors() async throws {
        let root = try GitFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data(Self.token.utf8).write(to: URL(fileURLWithPath: root + "/token"))
        // A stand-in for git that records what it was given, then fails the way git does, echoing a URL with userinfo.
        try Data("""
            #!/bin/sh
            printf '%s\\n' "$@" > "\(root)/arguments"
            env > "\(root)/environment"
            echo "fatal: unable to access 'https://x-access-token:\(Self.token)@git.example.com/team-a/clusters.git/': 403" >&2
            exit 128
            """.utf8).write(to: URL(fileURLWithPath: root + "/git"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root + "/git")
        let credentials = GitCredentials(credentials: [.init(urlPrefix: "https://git.example.com/", httpsTokenFile: root + "/token")])
        let checkout = GitCheckout(directory: root + "/checkout", allowLocalRepos: false, credentials: credentials, command: [root + "/git"])

        let error = try await #require(throws: GitError.self) {
            try await checkout.fetch(repo: "https://git.example.com/team-a/clusters.git", revision: "main")
        }
        #expect(!error.description.contains(Self.token))
        #expect(error.output.contains("https://***@git.example.com/team-a/clusters.git"))
        let arguments = try String(contentsOfFile: root + "/arguments", encoding: .utf8)
        let environment = try String(contentsOfFile: root + "/environment", encoding: .utf8)
        #expect(arguments.split(separator: "\n") == [
            "-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.ssh.allow=always",
            "clone", "--quiet", "--no-checkout", "--", "https://git.example.com/team-a/clusters.git", ".",
        ])
        #expect(!arguments.contains(Self.token))
        #expect(!environment.contains(Self.token))
        #expect(environment.contains("GIT_CONFIG_KEY_0=credential.https://git.example.com.helper"))
        #expect(environment.contains("GIT_ALLOW_PROTOCOL=https:ssh"))
    }

    @Test("an SSH key becomes a GIT_SSH_COMMAND the shell splits back into the key's exact path")
    func sshKey() throws {
        let credentials = GitCredentials(credentials: [.init(urlPrefix: "git@github.com:example/", sshKeyFile: "/keys/deploy key's")])
        let command = try #require(credentials.environment(for: "git@github.com:example/clusters.git")["GIT_SSH_COMMAND"])
        #expect(command == #"ssh -i '/keys/deploy key'\''s' -o IdentitiesOnly=yes -o BatchMode=yes"#)
        // git runs the command through `sh`: these are the words ssh receives.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "set -- \(command); printf '%s\\n' \"$@\""]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let words = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        process.waitUntilExit()
        #expect(words == ["ssh", "-i", "/keys/deploy key's", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes"])
        #expect(credentials.environment(for: "git@gitlab.com:example/clusters.git").isEmpty)
    }

    @Test("the file is decoded strictly, and each entry names exactly one secret file by an absolute path")
    func loading() throws {
        let root = try GitFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        func load(_ yaml: String) throws -> GitCredentials {
            try Data(yaml.utf8).write(to: URL(fileURLWithPath: root + "/credentials.yaml"))
            return try GitCredentials.load(path: root + "/credentials.yaml")
        }
        let loaded = try load("""
            credentials:
              - urlPrefix: https://git.example.com/
                httpsTokenFile: /etc/ocpctl/token
                username: deploy
              - urlPrefix: "git@github.com:"
                sshKeyFile: /etc/ocpctl/id_ed25519
            """)
        #expect(loaded.entry(for: "https://git.example.com/a/b.git")?.username == "deploy")
        #expect(loaded.entry(for: "git@github.com:a/b.git")?.sshKeyFile == "/etc/ocpctl/id_ed25519")

        let refusals: [(yaml: String, message: String)] = [
            ("credentials:\n  - urlPrefix: https://x/\n    httpsTokenFile: /t\n    password: hunter2\n", "password"),
            ("credentials:\n  - urlPrefix: https://x/\n    httpsTokenFile: /t\n    sshKeyFile: /k\n", "must set exactly one of sshKeyFile and httpsTokenFile"),
            ("credentials:\n  - urlPrefix: https://x/\n", "must set exactly one"),
            ("credentials:\n  - urlPrefix: https://x/\n    httpsTokenFile: token\n", "credentials[0].httpsTokenFile: must be an absolute path"),
            ("credentials:\n  - urlPrefix: https://u@x/\n    httpsTokenFile: /t\n", "credentials[0].urlPrefix: must be https://host/"),
            ("credentials:\n  - urlPrefix: \"git@x:\"\n    httpsTokenFile: /t\n", "credentials[0].urlPrefix"),
            ("credentials:\n  - urlPrefix: https://x/\n    httpsTokenFile: /t\n    username: \"a b\"\n", "credentials[0].username"),
        ]
        for refusal in refusals {
            let error = try #require(throws: GitCredentialsError.self) { try load(refusal.yaml) }
            #expect(error.description.contains(refusal.message), "\(error)")
        }
    }
}
