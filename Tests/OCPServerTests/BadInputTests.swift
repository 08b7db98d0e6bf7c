import Foundation
import OCPClient
import OCPModel
import Testing

/// Each bad request gets its documented code and a message naming the problem, and the store is left as it was.
@Suite("Bad input never reaches the store")
struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var method = "POST"
        var path = Manifests.path("team-a")
        var body: String?
        var headers: [(String, String)] = []
        var token: String? = "alice-token"
        var code: Int
        var reason: StatusDocument.Reason
        var message: String
        var causeField: String?
        var testDescription: String { label }
    }

    static let valid = Manifests.cluster("existing")

    static let cases: [Case] = [
        Case(label: "invalid YAML", body: "apiVersion: ocpctl.io/v1alpha1\nkind: [Cluster\n", code: 400, reason: .badRequest, message: "not valid YAML or JSON"),
        Case(label: "invalid JSON", body: #"{"apiVersion": "ocpctl.io/v1alpha1", "kind": "Cluster",,}"#, code: 400, reason: .badRequest, message: "not valid YAML or JSON"),
        Case(label: "unknown field", body: valid.replacingOccurrences(of: "  costCenter: sandbox", with: "  costCenter: sandbox\n  flavour: large"),
             code: 422, reason: .invalid, message: "flavour", causeField: "spec.flavour"),
        Case(label: "wrong type", body: Manifests.cluster("existing").replacingOccurrences(of: "  costCenter: sandbox", with: "  workers: many"),
             code: 422, reason: .invalid, message: "spec.workers", causeField: "spec.workers"),
        Case(label: "wrong kind", body: valid.replacingOccurrences(of: "kind: Cluster", with: "kind: Pod"), code: 422, reason: .invalid,
             message: "must be \"Cluster\"", causeField: "kind"),
        Case(label: "wrong apiVersion", body: valid.replacingOccurrences(of: "ocpctl.io/v1alpha1", with: "v1"), code: 422, reason: .invalid,
             message: "must be \"ocpctl.io/v1alpha1\"", causeField: "apiVersion"),
        Case(label: "policy: workers over the profile maximum and a bad ttl, both reported",
             body: Manifests.cluster("new-one", workers: 9) + "  ttl: 500h\n", code: 422, reason: .invalid, message: "spec.workers", causeField: "spec.ttl"),
        Case(label: "policy: unknown profile", body: valid.replacingOccurrences(of: "aws-minimal-test", with: "gcp-huge"), code: 422, reason: .invalid,
             message: "profile \"gcp-huge\" does not exist", causeField: "spec.profile"),
        Case(label: "policy: immutable region", method: "PUT", path: Manifests.path("team-a", "existing"),
             body: valid + "  region: us-west-2\n", code: 422, reason: .invalid, message: "spec.region", causeField: "spec.region"),
        Case(label: "namespace mismatch", body: Manifests.cluster("x", namespace: "team-b"), code: 400, reason: .badRequest, message: "does not match"),
        Case(label: "oversized body", body: valid + "# " + String(repeating: "x", count: 70_000) + "\n", code: 413, reason: .requestEntityTooLarge,
             message: "larger than the limit"),
        Case(label: "malformed merge patch", method: "PATCH", path: Manifests.path("team-a", "existing"), body: "{spec: ",
             headers: [("Content-Type", "application/merge-patch+json")], code: 400, reason: .badRequest, message: "malformed merge patch"),
        Case(label: "merge patch that is not an object", method: "PATCH", path: Manifests.path("team-a", "existing"), body: "[1]",
             headers: [("Content-Type", "application/merge-patch+json")], code: 400, reason: .badRequest, message: "must be a JSON object"),
        Case(label: "merge patch breaking policy", method: "PATCH", path: Manifests.path("team-a", "existing"), body: #"{"spec":{"workers":-1}}"#,
             headers: [("Content-Type", "application/merge-patch+json")], code: 422, reason: .invalid, message: "spec.workers", causeField: "spec.workers"),
        Case(label: "PATCH without merge-patch content type", method: "PATCH", path: Manifests.path("team-a", "existing"), body: #"{"spec":{"workers":1}}"#,
             code: 415, reason: .unsupportedMediaType, message: "merge-patch+json"),
        Case(label: "stale resourceVersion", method: "PUT", path: Manifests.path("team-a", "existing"),
             body: valid.replacingOccurrences(of: "  namespace: team-a", with: "  namespace: team-a\n  resourceVersion: \"999\""),
             code: 409, reason: .conflict, message: "resourceVersion 999 is stale"),
        Case(label: "bad label selector", method: "GET", path: Manifests.path("team-a") + "?labelSelector=tier%20in%20(a", code: 400, reason: .badRequest,
             message: "unable to parse labelSelector"),
        Case(label: "missing token", body: valid, token: nil, code: 401, reason: .unauthorized, message: "missing bearer token"),
        Case(label: "bad token", body: valid, token: "not-a-token", code: 401, reason: .unauthorized, message: "invalid bearer token"),
        Case(label: "another team's namespace", path: Manifests.path("team-b"), body: Manifests.cluster("x", namespace: "team-b"), code: 403,
             reason: .forbidden, message: "cannot modify clusters in namespace \"team-b\""),
        Case(label: "reading another team's cluster", method: "GET", path: Manifests.path("team-b", "theirs"), code: 403, reason: .forbidden,
             message: "cannot read clusters in namespace \"team-b\""),
        Case(label: "auditor writes", body: valid, token: "auditor-token", code: 403, reason: .forbidden, message: "auditor"),
        Case(label: "requester reads the audit trail", method: "GET", path: "/apis/ocpctl.io/v1alpha1/auditevents", code: 403, reason: .forbidden,
             message: "admins and auditors only"),
    ]

    @Test("rejected with code, reason and message; the store is unchanged", arguments: cases)
    func rejected(_ testCase: Case) async throws {
        try await TestServer.with(maxBodyBytes: 64 * 1024) { server in
            _ = try await server.alice.createCluster(try ResourceRouteTests.decode(Self.valid))
            _ = try await server.admin.createCluster(try ResourceRouteTests.decode(Manifests.cluster("theirs", namespace: "team-b")))
            let before = try await server.snapshot()
            let response = try await server.client(testCase.token).send(testCase.method, testCase.path, body: testCase.body.map { Data($0.utf8) },
                                                                        headers: testCase.headers)
            #expect(response.code == testCase.code, "\(response.text)")
            let status = try JSONDecoder().decode(StatusDocument.self, from: Data(response.body))
            #expect(status.kind == "Status")
            #expect(status.code == testCase.code)
            #expect(status.reason == testCase.reason)
            #expect(status.message.contains(testCase.message), "\(status.message)")
            if let field = testCase.causeField {
                #expect(status.details?.causes?.contains { $0.field == field } == true, "\(status.details?.causes ?? [])")
            }
            #expect(try await server.snapshot() == before)
        }
    }
}
