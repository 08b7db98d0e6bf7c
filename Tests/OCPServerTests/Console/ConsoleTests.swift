import Foundation
import OCPModel
import Testing

/// The web console over HTTP against a real server: sessions, CSRF, escaping, tenancy and the API's own rules
/// behind every form. The browser run (EndToEndTests) shows the same pages in Chromium.
@Suite("Web console")
struct ConsoleTests {
    @Test("sign-in makes an HttpOnly SameSite=Strict session; sign-out ends it; forged cookies are nobody")
    func sessions() async throws {
        try await TestServer.with { server in
            let browser = ConsoleClient(port: server.port)
            #expect(try await browser.get("/ui/clusters").header("Location") == "/ui/signin")
            let refused = try await browser.signIn("not-a-token")
            #expect(refused.code == 401 && refused.body.contains("did not accept"))
            let signedIn = try await browser.signIn("alice-token")
            #expect(signedIn.code == 303 && signedIn.header("Location") == "/ui/clusters")
            let cookie = try #require(signedIn.setCookies.first { $0.hasPrefix("ocpctl_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            #expect(!cookie.contains("alice-token"))
            let inventory = try await browser.get("/ui/clusters")
            #expect(inventory.code == 200 && inventory.body.contains("alice@example.com"))
            #expect(!inventory.body.contains("alice-token"))

            let session = try #require(browser.cookies["ocpctl_session"])
            let forged = ConsoleClient(port: server.port)
            forged.cookies["ocpctl_session"] = String(session.prefix { $0 != "." }) + ".AAAA"
            #expect(try await forged.get("/ui/clusters").code == 303)

            #expect(try await browser.post("/ui/signout", [("_csrf", inventory.csrf ?? "")]).header("Location") == "/ui/signin")
            let stale = ConsoleClient(port: server.port)
            stale.cookies["ocpctl_session"] = session
            #expect(try await stale.get("/ui/clusters").code == 303)
        }
    }

    @Test("a form posted without its CSRF token is refused and changes nothing, sign-in included")
    func csrf() async throws {
        try await TestServer.with { server in
            _ = try await server.alice.createCluster(try ResourceRouteTests.decode(Manifests.cluster("c1", workers: 1)))
            let before = try await server.snapshot()
            let browser = ConsoleClient(port: server.port)
            _ = try await browser.get("/ui/signin")
            #expect(try await browser.post("/ui/signin", [("token", "alice-token")]).code == 403)
            _ = try await browser.signIn("alice-token")
            let page = try await browser.get("/ui/clusters/team-a/c1")
            let token = try #require(page.csrf)
            for path in ["scale", "power", "extend", "delete"] {
                let answer = try await browser.post("/ui/clusters/team-a/c1/\(path)", [("workers", "2"), ("state", "Hibernating"), ("ttl", "48h"), ("confirm", "c1")])
                #expect(answer.code == 403, "\(path) without CSRF")
                #expect(try await browser.post("/ui/clusters/team-a/c1/\(path)", [("_csrf", token + "x"), ("workers", "2")]).code == 403)
            }
            #expect(try await server.snapshot() == before)
            let scaled = try await browser.post("/ui/clusters/team-a/c1/scale", [("_csrf", token), ("workers", "2")])
            #expect(scaled.code == 303)
            #expect(try await server.store.getCluster(.init(namespace: "team-a", name: "c1")).spec.workers == 2)
            let events = try await server.admin.events(namespace: "team-a", name: "c1")
            #expect(events.contains { $0.actor == "alice@example.com" && $0.verb == "patch" && $0.outcome == "Success" })
        }
    }

    @Test("the API's field errors show beside their fields, and nothing the user wrote is markup")
    func escaping() async throws {
        try await TestServer.with { server in
            var manifest = Manifests.cluster("c1")
            manifest += "  tags:\n    note: \"<script>alert(1)</script>\"\n"
            _ = try await server.alice.createCluster(try ResourceRouteTests.decode(manifest))
            let browser = ConsoleClient(port: server.port)
            _ = try await browser.signIn("alice-token")
            let page = try await browser.get("/ui/clusters/team-a/c1")
            #expect(page.body.contains("note=&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.body.contains("<script>alert"))
            #expect(page.header("Content-Security-Policy")?.contains("script-src 'self'") == true)

            let form = try await browser.get("/ui/request")
            let bad = try await browser.post("/ui/request", [("_csrf", form.csrf ?? ""), ("profile", "aws-minimal-test"), ("team", "team-a"),
                                                              ("name", "c2"), ("workers", "9"), ("labels", "x=<b>bold</b>"), ("intent", "create")])
            #expect(bad.code == 422)
            let workers = try #require(bad.body.range(of: #"id="workers-errors""#))
            #expect(bad.body[workers.upperBound...].prefix(200).contains("must be within 0..3"))
            #expect(bad.body.contains("&lt;b&gt;bold&lt;/b&gt;") && !bad.body.contains("<b>bold"))
            #expect(try await server.store.listClusters(.init()).items.count == 1)

            let yaml = try await browser.post("/ui/request", [("_csrf", form.csrf ?? ""), ("profile", "aws-minimal-test"), ("team", "team-a"),
                                                               ("name", "c3"), ("intent", "yaml")])
            #expect(yaml.code == 200 && yaml.body.contains("kind: Cluster") && yaml.body.contains("region: us-east-1"))
            #expect(try await server.store.listClusters(.init()).items.count == 1)
        }
    }

    @Test("team-b sees none of team-a's clusters, by list, filter, URL or stream")
    func tenancy() async throws {
        try await TestServer.with { server in
            _ = try await server.alice.createCluster(try ResourceRouteTests.decode(Manifests.cluster("a-secret")))
            _ = try await server.bob.createCluster(try ResourceRouteTests.decode(Manifests.cluster("b-one", namespace: "team-b")))
            let bob = ConsoleClient(port: server.port)
            _ = try await bob.signIn("bob-token")
            let inventory = try await bob.get("/ui/clusters")
            #expect(inventory.body.contains("b-one") && !inventory.body.contains("a-secret"))
            #expect(try await bob.get("/ui/clusters/team-a/a-secret").code == 403)
            #expect(try await bob.get("/ui/clusters?team=team-a").code == 403)
            #expect(try await bob.get("/ui/clusters/team-a/a-secret/kubeconfig").code == 403)
            #expect(try await bob.get("/ui/admin").code == 403)
            let page = try await bob.get("/ui/clusters/team-b/b-one")
            #expect(!page.body.contains("Reveal kubeadmin password"))
            #expect(try await bob.post("/ui/clusters/team-b/b-one/password", [("_csrf", page.csrf ?? "")]).code == 403)

            // The live stream carries team-b's cluster and nothing of team-a's; a change of team-a's never reaches it.
            _ = try await server.alice.patchCluster(namespace: "team-a", name: "a-secret", mergePatch: Data(#"{"spec":{"workers":2}}"#.utf8))
            let events = try await bob.stream("/ui/events") { $0.contains("team-b/b-one") }
            #expect(events.contains("event: cluster") && events.contains(#""key":"team-b/b-one""#))
            #expect(!events.contains("a-secret"))
            let refused = try await bob.get("/ui/events?team=team-a")
            #expect(refused.code == 403)
        }
    }

    @Test("bad query parameters are refused with a clear message")
    func queries() async throws {
        try await TestServer.with { server in
            let browser = ConsoleClient(port: server.port)
            _ = try await browser.signIn("admin-token")
            for (query, text) in [("sort=bogus", "sort must be one of"), ("page=0", "page must be"), ("phase=Nope", "phase must be one of"),
                                  ("team=Team_A", "team must be"), ("colour=red", "unknown query parameter"), ("label=%3D%3D", "labelSelector")] {
                let answer = try await browser.get("/ui/clusters?" + query)
                #expect(answer.code == 400 && answer.body.contains(text), "\(query): \(answer.code)")
            }
            #expect(try await browser.get("/ui/reports?since=forever").code == 400)
            #expect(try await browser.get("/ui/clusters/Team_A/x").code == 400)
        }
    }

    @Test("the inventory filters, sorts and pages")
    func inventory() async throws {
        try await TestServer.with { server in
            for index in 0..<55 {
                _ = try await server.alice.createCluster(try ResourceRouteTests.decode(Manifests.cluster(String(format: "c%02d", index), labels: ["half": index < 30 ? "one" : "two"])))
            }
            let browser = ConsoleClient(port: server.port)
            _ = try await browser.signIn("alice-token")
            let first = try await browser.get("/ui/clusters")
            #expect(first.body.contains("55 clusters · page 1 of 2") && first.body.contains(">c00<") && !first.body.contains(">c54<"))
            let last = try await browser.get("/ui/clusters?sort=name&order=desc")
            #expect(last.body.contains(">c54<") && !last.body.contains(">c00<"))
            let filtered = try await browser.get("/ui/clusters?label=half%3Dtwo")
            #expect(filtered.body.contains("25 clusters") && filtered.body.contains(">c30<") && !filtered.body.contains(">c29<"))
            let second = try await browser.get("/ui/clusters?page=2")
            #expect(second.body.contains(">c54<") && second.body.contains("rel=\"prev\""))
        }
    }
}
