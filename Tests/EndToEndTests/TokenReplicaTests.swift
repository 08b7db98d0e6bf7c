import Foundation
import OCPClient
import Testing

/// Tokens live in the store, so API replicas sharing PostgreSQL agree on them at once: no file to edit, no restart.
@Suite("Tokens on two API replicas", .serialized, .enabled(if: PostgresServer.enabled, PostgresServer.disabledReason))
struct TokenReplicaTests {
    /// Starts `ocpctl serve --role api` on PostgreSQL and returns its URL from the log.
    static func replica(_ url: String, dataDir: String, tokens: String?) throws -> (ControllerProcess, String) {
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        let process = ControllerProcess(command: "serve", arguments: ["--role", "api", "--postgres", url, "--data-dir", dataDir, "--port", "0"] + (tokens.map { ["--tokens", $0] } ?? []),
                                        logPath: dataDir + "/serve.log")
        try process.start()
        return (process, dataDir)
    }

    static func listeningURL(_ dataDir: String) async throws -> String {
        try await poll("the replica listens", timeout: .seconds(60)) {
            let log = (try? String(contentsOfFile: dataDir + "/serve.log", encoding: .utf8)) ?? ""
            guard let range = log.range(of: #""url":"https://127\.0\.0\.1:\d+"#, options: .regularExpression) else { return nil }
            return String(log[range].dropFirst(#""url":""#.count))
        }
    }

    @Test("a new token works at once on both replicas; a revoked one gets 401 at once on both; an expired one gets 401")
    func lifecycleAcrossReplicas() async throws {
        let url = try await PostgresServer.freshDatabase()
        let root = temporaryDirectory("ocpctl-token-replicas")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (first, firstDir) = try Self.replica(url, dataDir: root + "/a", tokens: nil)
        defer { first.kill9() }
        let firstURL = try await Self.listeningURL(firstDir)
        // The second replica shares the first's tokens file, as replicas of one deployment share their configuration.
        let (second, secondDir) = try Self.replica(url, dataDir: root + "/b", tokens: firstDir + "/tokens.yaml")
        defer { second.kill9() }
        let secondURL = try await Self.listeningURL(secondDir)
        let adminToken = try #require(try ClientConfigFile.load(path: firstDir + "/client.yaml").token)
        // Each replica made its own CA in its data directory: the CLI trusts the one of the replica it talks to.
        func cli(_ server: String, _ token: String) -> CLI {
            CLI(environment: ["OCPCTL_SERVER": server, "OCPCTL_TOKEN": token,
                              "OCPCTL_CERTIFICATE_AUTHORITY": (server == firstURL ? firstDir : secondDir) + "/tls/ca.crt"])
        }

        // The first admin, seeded from the tokens file, works on both.
        _ = try cli(secondURL, adminToken).ok(["get", "clusters", "-A"])

        let created = try cli(firstURL, adminToken).ok(["token", "create", "--user", "carol@example.com", "--team", "team-c", "--role", "requester"])
        let lines = created.split(separator: "\n").map(String.init)
        let id = try #require(lines.first?.split(separator: "/").last.map { String($0.split(separator: " ")[0]) })
        let carol = try #require(lines.last)
        for server in [firstURL, secondURL] {
            #expect(try cli(server, carol).run(["get", "clusters", "-n", "team-c"]).status == 0, "new token at once on \(server)")
        }
        let listed = try cli(secondURL, adminToken).ok(["token", "list"])
        #expect(listed.contains(id) && listed.contains("carol@example.com"))
        #expect(!listed.contains(carol), "list never shows a secret")

        _ = try cli(secondURL, adminToken).ok(["token", "revoke", id])
        for server in [firstURL, secondURL] {
            let refused = try cli(server, carol).run(["get", "clusters", "-n", "team-c"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("Unauthorized"), "\(refused.stderr)")
        }

        let shortLived = try cli(firstURL, adminToken).ok(["token", "create", "--user", "dan@example.com", "--team", "team-d", "--role", "requester",
                                                          "--expires", "2s"])
        let dan = try #require(shortLived.split(separator: "\n").last.map(String.init))
        #expect(try cli(secondURL, dan).run(["get", "clusters", "-n", "team-d"]).status == 0)
        try await Task.sleep(for: .seconds(3))
        for server in [firstURL, secondURL] {
            let expired = try cli(server, dan).run(["get", "clusters", "-n", "team-d"])
            #expect(expired.status != 0 && expired.stderr.contains("expired"), "\(expired.stderr)")
        }
    }
}
