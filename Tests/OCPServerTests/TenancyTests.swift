import Foundation
import OCPClient
import OCPModel
import Testing

/// Team-b's token against team-a's objects, on every route and verb: refused, audited, and the store unchanged.
@Suite("Tenancy: one team cannot reach another's objects")
struct TenancyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var method: String
        var path: String
        var body: String?
        var headers: [(String, String)] = []
        var code: Int
        var testDescription: String { "\(method) \(path)\(headers.isEmpty ? "" : " with \(headers.map(\.0).joined(separator: ", "))")" }
    }

    static let api = "/apis/ocpctl.io/v1alpha1"
    static let cluster = "\(api)/namespaces/team-a/clusters/owned"
    static let source = "\(api)/namespaces/team-a/syncsources/src"
    static let sourceBody = """
        {"apiVersion":"ocpctl.io/v1alpha1","kind":"SyncSource","metadata":{"name":"src","namespace":"team-a"},"spec":{"repo":"https://git.example.com/team-b/evil.git"}}
        """
    static let patch = #"{"spec":{"workers":3}}"#
    static let key = [("Idempotency-Key", "bob-key-1")]

    static let cases: [Case] = [
        Case(method: "GET", path: "\(api)/namespaces/team-a/clusters", code: 403),
        Case(method: "GET", path: cluster, code: 403),
        Case(method: "GET", path: "\(cluster)/status", code: 403),
        Case(method: "GET", path: "\(cluster)/operations", code: 403),
        Case(method: "GET", path: "\(cluster)/events", code: 403),
        Case(method: "POST", path: "\(api)/namespaces/team-a/clusters", body: Manifests.cluster("hijack"), code: 403),
        Case(method: "POST", path: "\(api)/namespaces/team-a/clusters", body: Manifests.cluster("hijack"), headers: key, code: 403),
        Case(method: "POST", path: "\(api)/namespaces/team-a/clusters?dryRun=All", body: Manifests.cluster("hijack"), code: 403),
        Case(method: "POST", path: "\(api)/namespaces/team-b/clusters", body: Manifests.cluster("hijack", namespace: "team-a"), code: 400),
        Case(method: "PUT", path: cluster, body: Manifests.cluster("owned", workers: 3), code: 403),
        Case(method: "PUT", path: cluster, body: Manifests.cluster("owned", workers: 3), headers: key, code: 403),
        Case(method: "PATCH", path: cluster, body: patch, headers: [("Content-Type", "application/merge-patch+json")], code: 403),
        Case(method: "DELETE", path: cluster, code: 403),
        Case(method: "DELETE", path: cluster, headers: key, code: 403),
        Case(method: "PUT", path: "\(cluster)/status", body: Manifests.cluster("owned"), code: 403),
        Case(method: "GET", path: "\(api)/namespaces/team-a/syncsources", code: 403),
        Case(method: "GET", path: source, code: 403),
        Case(method: "POST", path: "\(api)/namespaces/team-a/syncsources", body: sourceBody.replacingOccurrences(of: "\"src\"", with: "\"evil\""), code: 403),
        Case(method: "PUT", path: source, body: sourceBody, code: 403),
        Case(method: "PATCH", path: source, body: #"{"spec":{"prune":true}}"#, headers: [("Content-Type", "application/merge-patch+json")], code: 403),
        Case(method: "DELETE", path: source, code: 403),
        Case(method: "GET", path: "\(api)/tokens", code: 403),
        Case(method: "POST", path: "\(api)/tokens", body: #"{"apiVersion":"ocpctl.io/v1alpha1","kind":"Token","metadata":{"name":""},"spec":{"user":"bob","role":"admin"}}"#,
             code: 403),
        Case(method: "GET", path: "\(api)/tokens/TOKEN-ID", code: 403),
        Case(method: "PATCH", path: "\(api)/tokens/TOKEN-ID", body: #"{"spec":{"role":"admin"}}"#, headers: [("Content-Type", "application/merge-patch+json")],
             code: 403),
        Case(method: "DELETE", path: "\(api)/tokens/TOKEN-ID", code: 403),
        Case(method: "GET", path: "\(cluster)/outputs", code: 403),
        Case(method: "GET", path: "\(cluster)/outputs/kubeconfig", code: 403),
        Case(method: "GET", path: "\(cluster)/outputs/kubeadmin-password", code: 403),
        Case(method: "GET", path: "\(api)/auditevents", code: 403),
    ]

    @Test("refused with the code, audited as denied when a write, the store byte for byte unchanged", arguments: cases)
    func refused(_ testCase: Case) async throws {
        try await TestServer.with { server in
            _ = try await server.alice.createCluster(try ResourceRouteTests.decode(Manifests.cluster("owned")))
            _ = try await server.alice.createSyncSource(try StrictYAML.decode(SyncSource.self, from: Self.sourceBody))
            let tokenID = try #require(try await server.admin.listTokens().first { $0.spec.user == "alice@example.com" }?.metadata.name)
            // Bob's first request records his token's last use; after that his requests change nothing.
            _ = try await server.bob.listClusters(namespace: "team-b")
            let before = try await StoreDump.read(directory: server.directory)

            let path = testCase.path.replacingOccurrences(of: "TOKEN-ID", with: tokenID)
            let response = try await server.bob.send(testCase.method, path, body: testCase.body.map { Data($0.utf8) }, headers: testCase.headers)
            #expect(response.code == testCase.code, "\(response.text)")
            let status = try JSONDecoder().decode(StatusDocument.self, from: Data(response.body))
            #expect(status.code == testCase.code)
            #expect(status.message.contains("bob@example.com") || testCase.code != 403, "\(status.message)")

            let after = try await StoreDump.read(directory: server.directory)
            #expect(after.tables == before.tables, "the store changed: \(after.changes(since: before))")
            // Writes and credential hand-outs are audited, refused or not; plain reads are not.
            let writes = (testCase.method != "GET" || path.hasSuffix("/kubeconfig") || path.hasSuffix("/kubeadmin-password")) && !path.contains("dryRun")
            #expect(after.auditEvents == before.auditEvents + (writes ? 1 : 0), "a refused write is audited once, a read not at all")
            if writes {
                let last = try #require(try await server.admin.auditEvents().last)
                #expect(last.actor == "bob@example.com")
                #expect(last.outcome == (testCase.code == 403 ? "Denied" : "Failure"))
                #expect(!last.summary.contains("bob-token"))
            }
        }
    }

    @Test("cluster-wide lists show bob only team-b's objects")
    func listsAreFiltered() async throws {
        try await TestServer.with { server in
            _ = try await server.alice.createCluster(try ResourceRouteTests.decode(Manifests.cluster("a1")))
            _ = try await server.bob.createCluster(try ResourceRouteTests.decode(Manifests.cluster("b1", namespace: "team-b")))
            _ = try await server.alice.createSyncSource(try StrictYAML.decode(SyncSource.self, from: Self.sourceBody))
            #expect(try await server.bob.listAllClusters(namespace: nil).map(\.metadata.name) == ["b1"])
            #expect(try await server.bob.listSyncSources(namespace: nil).isEmpty)
            #expect(try await server.admin.listSyncSources(namespace: nil).map(\.metadata.name) == ["src"])
        }
    }
}
