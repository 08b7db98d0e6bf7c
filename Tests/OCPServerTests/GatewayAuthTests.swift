import Foundation
import OCPClient
import OCPModel
@testable import OCPServer
import OCPStore
import Testing

/// `X-User-Email` and `X-User-Groups` from an identity-aware proxy: believed from a trusted proxy only.
@Suite("Identity-aware gateway headers")
struct GatewayAuthTests {
    static let secret = "gateway-secret-0123456789"
    static let groups: [String: GroupGrant] = ["devs": GroupGrant(role: .requester, teams: ["team-a"]), "ops": GroupGrant(role: .admin)]

    static func list(_ server: TestServer, _ namespace: String, headers: [(String, String)], token: String? = nil) async throws -> Int {
        try await server.client(token).send("GET", Manifests.path(namespace), headers: headers).code
    }

    static func gateway(email: String = "carol@example.com", groups: String = "devs", secret: String? = Self.secret) -> [(String, String)] {
        [("X-User-Email", email), ("X-User-Groups", groups)] + (secret.map { [("X-Gateway-Secret", $0)] } ?? [])
    }

    @Test("with the shared secret the headers name the caller; without it, or with a wrong one, they are ignored")
    func sharedSecret() async throws {
        try await TestServer.with(gateway: GatewayAuthConfig(sharedSecret: Self.secret, trustedCIDRs: [CIDR("10.0.0.0/8")!], groups: Self.groups)) { server in
            #expect(try await Self.list(server, "team-a", headers: Self.gateway()) == 200)
            #expect(try await Self.list(server, "team-b", headers: Self.gateway()) == 403)
            #expect(try await Self.list(server, "team-b", headers: Self.gateway(groups: "devs, ops")) == 200)
            #expect(try await Self.list(server, "team-a", headers: Self.gateway(groups: "strangers")) == 401)
            #expect(try await Self.list(server, "team-a", headers: Self.gateway(email: "not-an-email")) == 401)
            // From anyone else (127.0.0.1 is not in 10.0.0.0/8) the headers count for nothing.
            #expect(try await Self.list(server, "team-a", headers: Self.gateway(secret: nil)) == 401)
            #expect(try await Self.list(server, "team-a", headers: Self.gateway(secret: "wrong")) == 401)
            #expect(try await Self.list(server, "team-a", headers: Self.gateway(groups: "ops", secret: nil), token: "bob-token") == 403)
            #expect(try await Self.list(server, "team-b", headers: Self.gateway(groups: "ops", secret: nil), token: "bob-token") == 200)

            // A write through the gateway is audited as the user it names.
            let created = try await server.client(nil).send("POST", Manifests.path("team-a"), body: Data(Manifests.cluster("via-gateway").utf8),
                                                            headers: Self.gateway() + [("Content-Type", "application/yaml")])
            #expect(created.code == 201, "\(created.text)")
            let events = try await server.store.listAuditEvents(AuditQuery(namespace: "team-a", name: "via-gateway"))
            #expect(events.map(\.actor) == ["carol@example.com"])
            #expect(!events.contains { $0.summary.contains(Self.secret) })
        }
    }

    @Test("a proxy trusted by its address needs no secret; the networks are matched bit by bit")
    func trustedCIDR() async throws {
        try await TestServer.with(gateway: GatewayAuthConfig(trustedCIDRs: [CIDR("127.0.0.0/8")!], groups: Self.groups)) { (server: TestServer) async throws in
            #expect(try await Self.list(server, "team-a", headers: Self.gateway(secret: nil)) == 200)
            #expect(try await Self.list(server, "team-a", headers: Self.gateway(secret: "anything")) == 200)
        }
        #expect(CIDR("10.1.0.0/16")!.contains("10.1.255.7"))
        #expect(!CIDR("10.1.0.0/16")!.contains("10.2.0.1"))
        #expect(CIDR("fd00::/8")!.contains("fd12::1"))
        #expect(!CIDR("fd00::/8")!.contains("127.0.0.1"))
        for bad in ["10.0.0.0/33", "nonsense/8", "10.0.0.0"] {
            let refused = CIDR(bad) == nil
            #expect(refused, "\(bad)")
        }
        let parsed = GroupGrant.parse("devs=requester:team-a,team-b")
        #expect(parsed?.group == "devs")
        #expect(parsed?.grant == GroupGrant(role: .requester, teams: ["team-a", "team-b"]))
        for bad in ["devs=root", "=admin", "devs=requester:Team_A", "devs"] {
            let refused = GroupGrant.parse(bad) == nil
            #expect(refused, "\(bad)")
        }
    }
}
