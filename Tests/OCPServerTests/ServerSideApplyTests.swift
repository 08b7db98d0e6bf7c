import Foundation
import OCPClient
import OCPModel
import Testing

/// Server-side apply as `kubectl apply --server-side` and Flux drive it: managedFields, conflicts, force.
@Suite("Server-side apply over real HTTP")
struct ServerSideApplyTests {
    static func apply(_ server: TestServer, _ body: String, manager: String?, force: Bool = false, name: String = "one",
                      client: OCPClient? = nil) async throws -> RawResponse {
        var query: [String] = []
        if let manager { query.append("fieldManager=\(manager)") }
        if force { query.append("force=true") }
        return try await (client ?? server.alice).send("PATCH", Manifests.path("team-a", name) + (query.isEmpty ? "" : "?" + query.joined(separator: "&")),
                                                       body: Data(body.utf8), headers: [("Content-Type", "application/apply-patch+yaml")])
    }

    static func config(workers: Int? = nil, labels: [String: String] = [:]) -> String {
        var text = "apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: one\n  namespace: team-a\n"
        if !labels.isEmpty { text += "  labels:\n" + labels.sorted { $0.key < $1.key }.map { "    \($0.key): \($0.value)\n" }.joined() }
        text += "spec:\n  profile: aws-minimal-test\n"
        if let workers { text += "  workers: \(workers)\n" }
        return text
    }

    static func owners(_ cluster: Cluster) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for entry in cluster.metadata.managedFields ?? [] {
            func walk(_ node: FieldsV1, _ prefix: String) -> [String] {
                node.children.isEmpty ? [prefix] : node.children.flatMap { walk($0.value, prefix + "." + $0.key.dropFirst(2)) }
            }
            result["\(entry.manager)/\(entry.operation)"] = walk(entry.fieldsV1, "").sorted()
        }
        return result
    }

    @Test("apply creates the cluster and records its fields under the manager; applying again unchanged writes nothing")
    func createAndNoOp() async throws {
        try await TestServer.with { server in
            let response = try await Self.apply(server, Self.config(workers: 1, labels: ["env": "dev"]), manager: "flux")
            #expect(response.code == 200 || response.code == 201, "\(response.text)")
            let created: Cluster = try OCPClient.decode(response)
            #expect(created.spec.workers == 1)
            #expect(Self.owners(created) == ["flux/Apply": [".metadata.labels.env", ".spec.profile", ".spec.workers"]])
            let stored = try await server.alice.getCluster(namespace: "team-a", name: "one")
            #expect(stored.metadata.managedFields == created.metadata.managedFields)
            let again: Cluster = try OCPClient.decode(try await Self.apply(server, Self.config(workers: 1, labels: ["env": "dev"]), manager: "flux"))
            #expect(again.metadata.resourceVersion == stored.metadata.resourceVersion)
        }
    }

    @Test("another manager applying a field with a different value is 409 naming the owner and the field; the same value is shared; force takes it over")
    func conflictsAndForce() async throws {
        try await TestServer.with { server in
            _ = try await Self.apply(server, Self.config(workers: 1), manager: "flux")
            let before = try await server.snapshot()
            let conflict = try await Self.apply(server, Self.config(workers: 2), manager: "alice-cli")
            #expect(conflict.code == 409)
            let status = try JSONDecoder().decode(StatusDocument.self, from: Data(conflict.body))
            #expect(status.reason == .conflict)
            #expect(status.message == #"Apply failed with 1 conflict: conflict with "flux" using ocpctl.io/v1alpha1: .spec.workers"#)
            #expect(status.details?.causes?.map(\.field) == [".spec.workers"])
            #expect(status.details?.causes?.first?.reason == "FieldManagerConflict")
            #expect(try await server.snapshot() == before)

            let shared: Cluster = try OCPClient.decode(try await Self.apply(server, Self.config(workers: 1), manager: "alice-cli"))
            #expect(Self.owners(shared)["alice-cli/Apply"] == [".spec.profile", ".spec.workers"])
            #expect(Self.owners(shared)["flux/Apply"] == [".spec.profile", ".spec.workers"])

            let forced = try await Self.apply(server, Self.config(workers: 2), manager: "alice-cli", force: true)
            #expect(forced.code == 200, "\(forced.text)")
            let taken: Cluster = try OCPClient.decode(forced)
            #expect(taken.spec.workers == 2)
            #expect(Self.owners(taken)["flux/Apply"] == [".spec.profile"])
            #expect(Self.owners(taken)["alice-cli/Apply"] == [".spec.profile", ".spec.workers"])
        }
    }

    @Test("a merge patch records its manager as an Update owner, and an apply then conflicts with it")
    func updateOwners() async throws {
        try await TestServer.with { server in
            _ = try await Self.apply(server, Self.config(workers: 1), manager: "flux")
            let patched = try await server.alice.send("PATCH", Manifests.path("team-a", "one") + "?fieldManager=kubectl-patch",
                                                      body: Data(#"{"spec":{"workers":3}}"#.utf8), headers: [("Content-Type", "application/merge-patch+json")])
            let cluster: Cluster = try OCPClient.decode(patched)
            #expect(Self.owners(cluster)["kubectl-patch/Update"] == [".spec.workers"])
            #expect(Self.owners(cluster)["flux/Apply"] == [".spec.profile"])
            let conflict = try await Self.apply(server, Self.config(workers: 1), manager: "flux")
            #expect(conflict.code == 409)
            #expect(conflict.text.contains(#"conflict with \"kubectl-patch\""#))
        }
    }

    @Test("a field the manager stops applying is removed, unless another manager owns it")
    func removal() async throws {
        try await TestServer.with { server in
            _ = try await Self.apply(server, Self.config(workers: 1, labels: ["env": "dev", "tier": "gold"]), manager: "flux")
            _ = try await Self.apply(server, Self.config(labels: ["tier": "gold"]), manager: "team")
            let after: Cluster = try OCPClient.decode(try await Self.apply(server, Self.config(), manager: "flux"))
            #expect(after.metadata.labels == ["tier": "gold"])
            #expect(Self.owners(after)["flux/Apply"] == [".spec.profile"])
        }
    }

    @Test("apply without fieldManager is 400; force outside apply is 400; a body with managedFields is 400; a policy violation is 422")
    func refusals() async throws {
        try await TestServer.with { server in
            let missing = try await Self.apply(server, Self.config(), manager: nil)
            #expect(missing.code == 400)
            #expect(missing.text.contains("fieldManager: Required value"))
            _ = try await Self.apply(server, Self.config(), manager: "flux")
            let force = try await server.alice.send("PATCH", Manifests.path("team-a", "one") + "?force=true", body: Data("{}".utf8),
                                                    headers: [("Content-Type", "application/merge-patch+json")])
            #expect(force.code == 400)
            let invalid = try await Self.apply(server, Self.config(workers: -1), manager: "flux")
            #expect(invalid.code == 422)
            #expect(invalid.text.contains("spec.workers"))
            let bob = try await Self.apply(server, Self.config(workers: 2), manager: "bob", client: server.bob)
            #expect(bob.code == 403)
        }
    }
}
