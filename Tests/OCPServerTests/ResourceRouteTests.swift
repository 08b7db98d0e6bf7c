import Foundation
import OCPClient
import OCPModel
import OCPStore
import Testing

@Suite("Cluster routes over real HTTP")
struct ResourceRouteTests {
    @Test("POST defaults the spec and owner, GET and LIST return it, the request ID is echoed and audited")
    func createAndRead() async throws {
        try await TestServer.with { server in
            let response = try await server.alice.send("POST", Manifests.path("team-a"), body: Data(Manifests.cluster("one", labels: ["purpose": "ci"]).utf8),
                                                       headers: [("X-Request-ID", "req-create-1"), ("Content-Type", "application/yaml")])
            #expect(response.code == 201)
            #expect(response.header("X-Request-ID") == "req-create-1")
            let created: Cluster = try OCPClient.decode(response)
            #expect(created.spec.owner == "alice@example.com")
            #expect(created.spec.version == "4.20.3")
            #expect(created.metadata.generation == 1)
            #expect(created.metadata.annotations?[Cluster.requestIDAnnotation] == "req-create-1")

            let fetched = try await server.alice.getCluster(namespace: "team-a", name: "one")
            #expect(fetched == created)
            let generated = try await server.alice.send("GET", Manifests.path("team-a", "one"))
            #expect(generated.header("X-Request-ID")?.isEmpty == false)

            let audit = try await server.admin.auditEvents(requestID: "req-create-1")
            #expect(audit.count == 1)
            #expect(audit.first?.actor == "alice@example.com")
            #expect(audit.first?.verb == "create")
            #expect(audit.first?.outcome == "Success")
            #expect(audit.first?.summary.contains("spec.profile=aws-minimal-test") == true)
        }
    }

    @Test("LIST filters by label selector and pages with limit and continue")
    func listSelectorAndPaging() async throws {
        try await TestServer.with { server in
            for index in 0..<5 {
                _ = try await server.admin.createCluster(try Self.decode(Manifests.cluster("c\(index)", labels: ["tier": index % 2 == 0 ? "even" : "odd"])))
            }
            _ = try await server.admin.createCluster(try Self.decode(Manifests.cluster("other", namespace: "team-b")))
            let evens = try await server.alice.listClusters(namespace: "team-a", labelSelector: "tier=even")
            #expect(evens.items.map(\.metadata.name) == ["c0", "c2", "c4"])
            let first = try await server.alice.listClusters(namespace: "team-a", limit: 2)
            #expect(first.items.map(\.metadata.name) == ["c0", "c1"])
            let token = try #require(first.metadata.continue)
            let second = try await server.alice.listClusters(namespace: "team-a", limit: 2, continueToken: token)
            #expect(second.items.map(\.metadata.name) == ["c2", "c3"])
            let all = try await server.admin.listAllClusters(namespace: nil)
            #expect(all.count == 6)
            // A requester listing all namespaces sees only its teams'.
            let mine = try await server.alice.listAllClusters(namespace: nil)
            #expect(mine.count == 5)
        }
    }

    @Test("PUT replaces the spec and bumps generation; an unchanged PUT writes nothing; a stale resourceVersion is 409")
    func replace() async throws {
        try await TestServer.with { server in
            let created = try await server.alice.createCluster(try Self.decode(Manifests.cluster("one")))
            var desired = try Self.decode(Manifests.cluster("one", workers: 2))
            desired.metadata.resourceVersion = created.metadata.resourceVersion
            let updated = try await server.alice.replaceCluster(desired)
            #expect(updated.spec.workers == 2)
            #expect(updated.metadata.generation == 2)
            #expect(updated.spec.owner == "alice@example.com")
            let same = try await server.alice.replaceCluster(try Self.decode(Manifests.cluster("one", workers: 2)))
            #expect(same.metadata.resourceVersion == updated.metadata.resourceVersion)
            // Stale precondition.
            let before = try await server.snapshot()
            await #expect(throws: ClientError.self) { try await server.alice.replaceCluster(desired) }
            let stale = try await server.alice.send("PUT", Manifests.path("team-a", "one"), body: try ResourceEncoding.jsonData(desired))
            #expect(stale.code == 409)
            let status: StatusDocument = try JSONDecoder().decode(StatusDocument.self, from: Data(stale.body))
            #expect(status.reason == .conflict)
            #expect(status.message.contains("resourceVersion \(created.metadata.resourceVersion ?? "")"))
            #expect(try await server.snapshot() == before)
        }
    }

    @Test("PATCH merge patch changes one field; null removes; DELETE returns the object with deletionTimestamp")
    func patchAndDelete() async throws {
        try await TestServer.with { server in
            _ = try await server.alice.createCluster(try Self.decode(Manifests.cluster("one", labels: ["purpose": "ci"])))
            let patched = try await server.alice.patchCluster(namespace: "team-a", name: "one",
                                                              mergePatch: Data(#"{"spec":{"workers":3},"metadata":{"labels":{"purpose":null}}}"#.utf8))
            #expect(patched.spec.workers == 3)
            #expect(patched.metadata.labels?["purpose"] == nil)
            #expect(patched.metadata.generation == 2)
            let deleted = try await server.alice.deleteCluster(namespace: "team-a", name: "one")
            #expect(deleted.metadata.deletionTimestamp != nil)
            #expect(deleted.metadata.finalizers == [Cluster.finalizer])
            let again = try await server.alice.getCluster(namespace: "team-a", name: "one")
            #expect(again.metadata.deletionTimestamp != nil)
        }
    }

    @Test("status subresource: the controller and admins write it without bumping generation; requesters cannot")
    func statusSubresource() async throws {
        try await TestServer.with { server in
            var cluster = try await server.alice.createCluster(try Self.decode(Manifests.cluster("one")))
            var status = ClusterStatus()
            status.observedGeneration = 1
            status.phase = .provisioning
            cluster.status = status
            let path = Manifests.path("team-a", "one") + "/status"
            let denied = try await server.alice.send("PUT", path, body: try ResourceEncoding.jsonData(cluster))
            #expect(denied.code == 403)
            let written = try await server.client("controller-token").send("PUT", path, body: try ResourceEncoding.jsonData(cluster))
            #expect(written.code == 200)
            let stored = try await server.alice.getCluster(namespace: "team-a", name: "one")
            #expect(stored.status?.phase == .provisioning)
            #expect(stored.metadata.generation == 1)
        }
    }

    @Test("dry run shows the result and stores nothing")
    func dryRun() async throws {
        try await TestServer.with { server in
            let before = try await server.snapshot()
            let preview = try await server.alice.createCluster(try Self.decode(Manifests.cluster("one")), dryRun: true)
            #expect(preview.spec.owner == "alice@example.com")
            #expect(try await server.snapshot() == before)
        }
    }

    @Test("service routes: healthz, readyz, version, metrics with HTTP request metrics, profiles, operations")
    func serviceRoutes() async throws {
        try await TestServer.with { server in
            let anonymous = server.client(nil)
            #expect(try await anonymous.send("GET", "/healthz").code == 200)
            #expect(try await anonymous.send("GET", "/readyz").code == 200)
            #expect(try await anonymous.version().version == "test")
            _ = try await server.alice.createCluster(try Self.decode(Manifests.cluster("one")))
            #expect(try await server.alice.operations(namespace: "team-a", name: "one").isEmpty)
            let profiles = try await server.alice.profiles()
            #expect(profiles.map(\.name).contains("aws-minimal-test"))
            let metrics = try await anonymous.send("GET", "/metrics").text
            #expect(metrics.contains("ocpctl_http_requests_total"))
            #expect(metrics.contains(#"code="201""#))
        }
    }

    static func decode(_ text: String) throws -> Cluster {
        guard case .success(let document) = ManifestParser.parse(text, source: "test").first else { throw ManifestDecodeFailed() }
        return document.cluster
    }

    struct ManifestDecodeFailed: Error {}
}
