import Foundation
import OCPClient
import OCPModel
import OCPServer
import OCPStore
import Testing

/// Tokens kept in the store: created and revoked through the API by admins, hashed at rest, audited.
@Suite("Tokens in the store")
struct TokenTests {
    @Test("a new token works at once, is listed without its secret, and gets 401 once revoked")
    func lifecycle() async throws {
        try await TestServer.with { server in
            let created = try await server.admin.createToken(APITokenSpec(user: "carol@example.com", teams: ["team-c"], role: .requester))
            let secret = try #require(created.status?.token)
            #expect(created.metadata.name.hasPrefix("tok-"))
            #expect(created.status?.createdBy == "admin@example.com")

            let carol = server.client(secret)
            _ = try await carol.createCluster(try ResourceRouteTests.decode(Manifests.cluster("c1", namespace: "team-c")))
            #expect(try await carol.send("GET", Manifests.path("team-a")).code == 403)

            let listed = try await server.admin.listTokens()
            #expect(listed.contains { $0.metadata.name == created.metadata.name && $0.status?.lastUsedTimestamp != nil })
            #expect(listed.allSatisfy { $0.status?.token == nil })
            let raw = try await server.admin.send("GET", "/apis/ocpctl.io/v1alpha1/tokens")
            #expect(!raw.text.contains(secret))
            let dump = try await StoreDump.read(directory: server.directory)
            #expect(!dump.tables.values.joined().contains { $0.contains(secret) }, "only the hash is stored")

            _ = try await server.admin.revokeToken(id: created.metadata.name)
            let refused = try await carol.send("GET", Manifests.path("team-c"))
            #expect(refused.code == 401)
            #expect(refused.text.contains("invalid bearer token"))

            let audit = try await server.admin.auditEvents().filter { $0.resource == "tokens" }
            #expect(audit.map(\.verb) == ["create", "delete"])
            #expect(audit.allSatisfy { $0.outcome == "Success" && !$0.summary.contains(secret) })
        }
    }

    @Test("an expired token gets 401 naming the expiry")
    func expired() async throws {
        try await TestServer.with { server in
            let past = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) - 60)
            let token = APIToken(metadata: ObjectMeta(name: "tok-expired"), spec: APITokenSpec(user: "dave", teams: ["team-a"], role: .requester,
                                                                                                 expirationTimestamp: past))
            _ = try await server.store.createToken(token, hash: TokenFile.hash("dave-token"), now: past.adding(seconds: -3600))
            let response = try await server.client("dave-token").send("GET", Manifests.path("team-a"))
            #expect(response.code == 401)
            #expect(response.text.contains("expired"))
        }
    }

    @Test("admission names the field: bad teams, a requester without a team, a past expiry, a reserved user")
    func admission() async throws {
        try await TestServer.with { server in
            let past = Timestamp(secondsSinceEpoch: 1_000)
            let cases: [(APITokenSpec, String)] = [
                (APITokenSpec(user: "eve", teams: ["Team_A"], role: .requester), "spec.teams[0]"),
                (APITokenSpec(user: "eve", role: .requester), "spec.teams"),
                (APITokenSpec(user: "eve", teams: ["team-a"], role: .admin, expirationTimestamp: past), "spec.expirationTimestamp"),
                (APITokenSpec(user: "system:sync:team-a/src", teams: ["team-a"], role: .requester), "spec.user"),
            ]
            for (spec, field) in cases {
                let response = try await server.admin.send("POST", "/apis/ocpctl.io/v1alpha1/tokens",
                                                           body: try ResourceEncoding.jsonData(APIToken(metadata: ObjectMeta(name: ""), spec: spec)))
                #expect(response.code == 422, "\(field): \(response.text)")
                let status = try JSONDecoder().decode(StatusDocument.self, from: Data(response.body))
                #expect(status.message.hasPrefix("Token.ocpctl.io"))
                #expect(status.details?.causes?.contains { $0.field == field } == true, "\(status.details?.causes ?? [])")
            }
            #expect(try await server.admin.send("PUT", "/apis/ocpctl.io/v1alpha1/tokens/tok-x", body: Data("{}".utf8)).code != 200)
        }
    }
}
