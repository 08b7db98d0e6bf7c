import Foundation
import JWTKit
import OCPClient
import OCPModel
import OCPOIDC
@testable import OCPServer
import OCPStore
import OCPTestSupport
import Synchronization
import Testing

/// OIDC bearer tokens, as kube-apiserver's `--oidc-*` flags take them, against the real HTTP server: keys from a JWKS file
/// or URL, the issuer, audience and dates checked on the server's clock, the groups claim mapped to teams and a role.
@Suite("OIDC bearer tokens")
struct OIDCAuthTests {
    /// What the test issuers' groups grant, by the prefixed group name.
    static let groups: [String: GroupGrant] = ["oidc:devs": GroupGrant(role: .requester, teams: ["team-a"]), "oidc:audit": GroupGrant(role: .auditor)]
    /// The server's clock, years from the machine's, so a date checked on the machine's clock would fail the tests.
    static let serverNow: Int64 = 2_000_000_000

    static func provider(_ issuer: TestIssuer, keys: OIDCKeySource, algorithms: [String] = ["RS256"]) -> OIDCAuthConfig {
        OIDCAuthConfig(provider: OIDCProvider(issuer: issuer.url, clientID: "ocpctl", groupsClaim: "groups", groupsPrefix: "oidc:",
                                              signingAlgorithms: algorithms, keys: keys),
                       groups: groups)
    }

    static func list(_ server: TestServer, _ namespace: String, _ token: String) async throws -> RawResponse {
        try await server.client(token).send("GET", Manifests.path(namespace))
    }

    /// Expects a 401 whose Status message says `why` and does not quote the token.
    static func expectRefused(_ server: TestServer, _ token: String, _ why: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await list(server, "team-a", token)
        #expect(response.code == 401, "\(response.text)", sourceLocation: sourceLocation)
        let message = (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains(why), "\(response.text)", sourceLocation: sourceLocation)
        #expect(!response.text.contains(token.split(separator: ".")[1]), "the Status quotes the token", sourceLocation: sourceLocation)
    }

    @Test("a valid token signs in with its groups' teams and role; a wrong audience, issuer, key or date is 401 saying which")
    func jwksFile() async throws {
        let issuer = try await TestIssuer.rsa()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-oidc-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try TestIssuer.jwks([issuer]).write(to: URL(fileURLWithPath: directory + "/jwks.json"))
        let now = Self.serverNow
        try await TestServer.with(oidc: Self.provider(issuer, keys: .file(directory + "/jwks.json")), now: { Timestamp(secondsSinceEpoch: now) }) { server in
            let carol = try await issuer.sign(issuer.claims(subject: "carol", groups: ["devs"], now: now))
            #expect(try await Self.list(server, "team-a", carol).code == 200)
            #expect(try await Self.list(server, "team-b", carol).code == 403)
            let review = try await server.client(carol).send("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", body: Data("{}".utf8))
            let user = try #require((try JSONSerialization.jsonObject(with: Data(review.body)) as? [String: Any])?["status"] as? [String: Any])["userInfo"]
            // kube-apiserver's rule: a claim other than email is prefixed with the issuer, so it cannot pass for another's user.
            #expect((user as? [String: Any])?["username"] as? String == "https://issuer.test#carol")
            #expect((user as? [String: Any])?["groups"] as? [String] == ["team-a", "ocpctl:requester", "system:authenticated"])

            // A write is audited as the OIDC user.
            let created = try await server.client(carol).send("POST", Manifests.path("team-a"), body: Data(Manifests.cluster("via-oidc").utf8),
                                                              headers: [("Content-Type", "application/yaml")])
            #expect(created.code == 201, "\(created.text)")
            let events = try await server.store.listAuditEvents(AuditQuery(namespace: "team-a", name: "via-oidc"))
            #expect(events.map(\.actor) == ["https://issuer.test#carol"])

            var claims = issuer.claims(subject: "carol", audience: ["another-client"], groups: ["devs"], now: now)
            try await Self.expectRefused(server, try await issuer.sign(claims), "the OIDC token's audience does not include ocpctl")
            claims = issuer.claims(subject: "carol", groups: ["devs"], now: now - 7200)
            try await Self.expectRefused(server, try await issuer.sign(claims), "the OIDC token expired at 2033-05-18T02:33:20Z")
            claims = issuer.claims(subject: "carol", groups: ["devs"], now: now + 7200)
            try await Self.expectRefused(server, try await issuer.sign(claims), "the OIDC token is not valid before")
            // Valid by the machine's clock, expired long before the server's.
            claims = issuer.claims(subject: "carol", groups: ["devs"], now: Int64(Date().timeIntervalSince1970))
            try await Self.expectRefused(server, try await issuer.sign(claims), "the OIDC token expired")
            claims = issuer.claims(subject: "carol", groups: ["devs"], now: now)
            claims.iss = "https://elsewhere.test"
            try await Self.expectRefused(server, try await issuer.sign(claims), "the OIDC token's issuer is not https://issuer.test")

            // Another key, under the issuer's key id or its own.
            let impostor = try await TestIssuer.rsa(kid: issuer.kid)
            try await Self.expectRefused(server, try await impostor.sign(impostor.claims(subject: "carol", groups: ["devs"], now: now)),
                                         "the OIDC token's signature does not verify with the issuer's key \"rsa-1\"")
            let unknown = try await TestIssuer.rsa(kid: "rsa-2")
            try await Self.expectRefused(server, try await unknown.sign(unknown.claims(subject: "carol", groups: ["devs"], now: now)),
                                         "signed with a key \"rsa-2\" that is not among the issuer's keys")
            let ec = try await TestIssuer.es256()
            try await Self.expectRefused(server, try await ec.sign(ec.claims(subject: "carol", now: now)), "signed with ES256, not one of RS256")

            // No group with a grant and no RBAC mapping: 401, as an unmapped IAM principal. A mapping of the username grants.
            let dave = try await issuer.sign(issuer.claims(subject: "dave", groups: ["strangers"], now: now))
            try await Self.expectRefused(server, dave, "OIDC user https://issuer.test#dave maps to no role")
            try await server.store.putRBACMapping(RBACMapping(principal: "https://issuer.test#dave", team: "team-b", role: "requester"))
            #expect(try await Self.list(server, "team-b", dave).code == 200)
            #expect(try await Self.list(server, "team-a", dave).code == 403)

            // Tokens that are not JWTs still go to the static tokens; a refused write is audited without the token.
            #expect(try await Self.list(server, "team-a", "alice-token").code == 200)
            let forged = try await impostor.sign(impostor.claims(subject: "carol", groups: ["devs"], now: now))
            let refused = try await server.client(forged).send("POST", Manifests.path("team-a"), body: Data(Manifests.cluster("forged").utf8),
                                                               headers: [("Content-Type", "application/yaml")])
            #expect(refused.code == 401)
            let audited = try await server.store.listAuditEvents(AuditQuery())
            #expect(audited.contains { $0.outcome == "Denied" && $0.summary.contains("signature does not verify") })
            #expect(!audited.contains { $0.summary.contains(forged.split(separator: ".")[1]) || $0.summary.contains(forged.split(separator: ".")[2]) })
        }
    }

    @Test("keys from a JWKS URL are fetched when first needed and again for an unknown key id, at most once a minute")
    func jwksURL() async throws {
        let first = try await TestIssuer.es256(kid: "ec-1")
        let second = try await TestIssuer.es256(kid: "ec-2")
        let clock = Atomic<Int64>(Self.serverNow)
        try await JWKSServer.with(try TestIssuer.jwks([first])) { jwks in
            let config = Self.provider(first, keys: .url(URL(string: "http://127.0.0.1:\(jwks.port)/jwks")!), algorithms: ["ES256"])
            try await TestServer.with(oidc: config, now: { Timestamp(secondsSinceEpoch: clock.load(ordering: .relaxed)) }) { server in
                let now = clock.load(ordering: .relaxed)
                let carol = try await first.sign(first.claims(subject: "carol", groups: ["devs"], now: now))
                #expect(try await Self.list(server, "team-a", carol).code == 200)
                #expect(jwks.fetches == 1)

                // The issuer rotates in a key. Within a minute of the last fetch its tokens are refused unfetched ...
                jwks.publish(try TestIssuer.jwks([first, second]))
                let rotated = try await second.sign(second.claims(subject: "carol", groups: ["audit"], now: now))
                try await Self.expectRefused(server, rotated, "signed with a key \"ec-2\" that is not among the issuer's keys")
                #expect(jwks.fetches == 1)
                // ... a minute later the unknown key id fetches the keys once more.
                clock.add(61, ordering: .relaxed)
                #expect(try await Self.list(server, "team-b", rotated).code == 200)
                #expect(jwks.fetches == 2)
                let unknown = try await TestIssuer.es256(kid: "ec-3")
                try await Self.expectRefused(server, try await unknown.sign(unknown.claims(subject: "carol", now: now)), "not among the issuer's keys")
                #expect(jwks.fetches == 2)
                #expect(try await Self.list(server, "team-a", carol).code == 200)
            }
        }
    }

    /// Claims as some issuers write them: one audience as a string, the groups as a string, an email and whether it is verified.
    struct EmailClaims: JWTPayload {
        var iss: String
        var aud: String
        var sub: String
        var exp: Int64
        var email: String
        var email_verified: Bool?
        var groups: String?

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    @Test("an email username gets no prefix and must not be unverified; a string aud and groups claim count; system: is reserved")
    func claimRules() async throws {
        let issuer = try await TestIssuer.es256()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-oidc-\(UUID().uuidString.prefix(8)).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TestIssuer.jwks([issuer]).write(to: URL(fileURLWithPath: path))
        let now = Date(timeIntervalSince1970: TimeInterval(Self.serverNow))
        func verifier(claim: String, prefix: String? = nil) -> OIDCTokenVerifier {
            OIDCTokenVerifier(provider: OIDCProvider(issuer: issuer.url, clientID: "ocpctl", usernameClaim: claim, usernamePrefix: prefix,
                                                     groupsClaim: "groups", groupsPrefix: "oidc:", signingAlgorithms: ["ES256"], keys: .file(path)),
                              now: { now })
        }
        func token(sub: String = "1234", verified: Bool?) async throws -> String {
            try await issuer.sign(EmailClaims(iss: issuer.url, aud: "ocpctl", sub: sub, exp: Self.serverNow + 60, email: "erin@example.com",
                                              email_verified: verified, groups: "devs"))
        }
        let email = verifier(claim: "email")
        #expect(try await email.verify(try await token(verified: true)) == OIDCUser(username: "erin@example.com", groups: ["oidc:devs"]))
        #expect(try await email.verify(try await token(verified: nil)).username == "erin@example.com")
        await #expect(throws: OIDCError("the OIDC token's email is not verified (email_verified)")) {
            try await email.verify(try await token(verified: false))
        }
        #expect(try await verifier(claim: "sub").verify(try await token(verified: false)).username == "https://issuer.test#1234")
        await #expect(throws: OIDCError("the OIDC username may not start with system:, which is reserved")) {
            try await verifier(claim: "sub", prefix: "-").verify(try await token(sub: "system:janitor", verified: nil))
        }
    }

    @Test("only the compact form of a JWT is sent to the OIDC verifier; usernames follow kube-apiserver's prefix rules")
    func shapesAndPrefixes() {
        #expect(JWTShape.matches("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
        #expect(JWTShape.matches("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."))
        for other in ["alice-token", "k8s-aws-v1.aHR0cHM6Ly9zdHM", "a.b.c.d", "a..c", "a.b+c.d", String(repeating: "0", count: 64)] {
            #expect(!JWTShape.matches(other), "\(other)")
        }
        func prefix(_ claim: String, _ prefix: String?) -> String {
            OIDCProvider(issuer: "https://issuer.test", clientID: "c", usernameClaim: claim, usernamePrefix: prefix, keys: .file("/none"))
                .effectiveUsernamePrefix
        }
        #expect(prefix("sub", nil) == "https://issuer.test#")
        #expect(prefix("email", nil) == "")
        #expect(prefix("sub", "-") == "")
        #expect(prefix("email", "oidc:") == "oidc:")
    }
}
