import Foundation
import OCPClient
import OCPModel
import Testing

/// What a SyncSource may say before it is stored: safe git inputs, and destinations for admins only.
@Suite("SyncSource admission")
struct SyncSourceAdmissionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var field: String
        var value: String
        var testDescription: String { "\(field) = \(value)" }
    }

    static let refused: [Case] = [
        Case(field: "spec.repo", value: "--upload-pack=touch /tmp/ocpctl-marker"),
        Case(field: "spec.repo", value: "-c core.sshCommand=touch"),
        Case(field: "spec.repo", value: "ext::sh -c touch% /tmp/ocpctl-marker"),
        Case(field: "spec.repo", value: "file:///etc"),
        Case(field: "spec.repo", value: "/srv/git/clusters.git"),
        Case(field: "spec.repo", value: "https://user:secret@git.example.com/a.git"),
        Case(field: "spec.repo", value: "git://git.example.com/a.git"),
        Case(field: "spec.revision", value: "--output=/tmp/ocpctl-marker"),
        Case(field: "spec.revision", value: "main..evil"),
        Case(field: "spec.path", value: "../../etc"),
        Case(field: "spec.path", value: "clusters/../../.."),
        Case(field: "spec.path", value: "-rf"),
        Case(field: "spec.path", value: "/etc"),
    ]

    static func body(_ field: String, _ value: String) throws -> Data {
        var spec: [String: Any] = ["repo": "https://git.example.com/team-a/clusters.git"]
        spec[String(field.dropFirst("spec.".count))] = value
        let object: [String: Any] = ["apiVersion": "ocpctl.io/v1alpha1", "kind": "SyncSource", "metadata": ["name": "src"], "spec": spec]
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test("a hostile git input is 422 naming the field; nothing is stored", arguments: refused)
    func hostileInput(_ testCase: Case) async throws {
        try await TestServer.with { server in
            // The admin's first request records the token's last use; the refused one must change nothing.
            _ = try await server.admin.listSyncSources(namespace: "team-a")
            let before = try await StoreDump.read(directory: server.directory)
            let response = try await server.admin.send("POST", "/apis/ocpctl.io/v1alpha1/namespaces/team-a/syncsources",
                                                       body: try Self.body(testCase.field, testCase.value))
            #expect(response.code == 422, "\(response.text)")
            let status = try JSONDecoder().decode(StatusDocument.self, from: Data(response.body))
            #expect(status.message.hasPrefix("SyncSource.ocpctl.io \"src\" is invalid"), "\(status.message)")
            #expect(status.details?.kind == "syncsources")
            #expect(status.details?.causes?.contains { $0.field == testCase.field } == true, "\(status.details?.causes ?? [])")
            #expect(!status.message.contains("secret"), "credentials are never echoed")
            let after = try await StoreDump.read(directory: server.directory)
            #expect(after.tables == before.tables, "the store changed: \(after.changes(since: before))")
        }
    }

    @Test("file:// is accepted when the server allows local repositories")
    func localReposWhenAllowed() async throws {
        try await TestServer.with(allowLocalRepos: true) { server in
            let response = try await server.alice.send("POST", "/apis/ocpctl.io/v1alpha1/namespaces/team-a/syncsources",
                                                       body: try Self.body("spec.repo", "file:///srv/git/clusters.git"))
            #expect(response.code == 201, "\(response.text)")
        }
    }

    @Test("only an admin may give a source destinations beyond its namespace, or change such a source")
    func destinationsAreForAdmins() async throws {
        try await TestServer.with { server in
            var source = SyncSource(metadata: ObjectMeta(name: "fleet", namespace: "team-a"), spec: SyncSourceSpec(repo: "https://git.example.com/fleet.git"))
            source.spec.destinationNamespaces = ["team-a", "team-b"]
            await #expect(throws: ClientError.self) { _ = try await server.alice.createSyncSource(source) }
            let refusal = try await server.alice.send("POST", "/apis/ocpctl.io/v1alpha1/namespaces/team-a/syncsources",
                                                      body: try ResourceEncoding.jsonData(source))
            #expect(refusal.code == 403)
            #expect(refusal.text.contains("only an admin"))

            let created = try await server.admin.createSyncSource(source)
            #expect(created.spec.destinationNamespaces == ["team-a", "team-b"])
            // Alice may not take it over by editing something else, nor delete it.
            var edited = created
            edited.spec.prune = true
            let update = try await server.alice.send("PUT", "/apis/ocpctl.io/v1alpha1/namespaces/team-a/syncsources/fleet",
                                                     body: try ResourceEncoding.jsonData(edited))
            #expect(update.code == 403)
            #expect(try await server.alice.send("DELETE", "/apis/ocpctl.io/v1alpha1/namespaces/team-a/syncsources/fleet").code == 403)
            // Her own namespace alone needs no admin.
            var own = SyncSource(metadata: ObjectMeta(name: "own", namespace: "team-a"), spec: SyncSourceSpec(repo: "git@git.example.com:team-a/c.git"))
            own.spec.destinationNamespaces = ["team-a"]
            #expect(try await server.alice.createSyncSource(own).metadata.name == "own")
        }
    }

    @Test("SyncSource writes honour dryRun=All and Idempotency-Key, and the audit names syncsources")
    func sameDoorAsClusters() async throws {
        try await TestServer.with { server in
            let body = try Self.body("spec.path", "clusters")
            let dry = try await server.alice.send("POST", "/apis/ocpctl.io/v1alpha1/namespaces/team-a/syncsources?dryRun=All", body: body)
            #expect(dry.code == 201)
            #expect(try await server.alice.listSyncSources(namespace: "team-a").isEmpty)
            let headers = [("Idempotency-Key", "create-src")]
            let first = try await server.alice.send("POST", "/apis/ocpctl.io/v1alpha1/namespaces/team-a/syncsources", body: body, headers: headers)
            let again = try await server.alice.send("POST", "/apis/ocpctl.io/v1alpha1/namespaces/team-a/syncsources", body: body, headers: headers)
            #expect(first.code == 201 && again.code == 201)
            #expect(again.header("Idempotent-Replayed") == "true")
            #expect(again.body == first.body)
            let events = try await server.admin.auditEvents().filter { $0.name == "src" }
            #expect(events.map(\.resource) == ["syncsources"])
            #expect(events.map(\.verb) == ["create"])
        }
    }
}
