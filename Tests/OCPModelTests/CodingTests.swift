import Foundation
import Testing
import OCPModel

@Suite("Strict decoding and exact round trips")
struct CodingTests {
    /// A cluster with every field set, status included.
    static var full: Cluster {
        var cluster = Fixtures.cluster(workers: 2, ttl: "36h", powerState: .hibernating, generation: 3)
        cluster.metadata.labels = ["purpose": "ci", "a": "b"]
        cluster.metadata.annotations = ["note": "x: y"]
        cluster.metadata.deletionTimestamp = Fixtures.time(plusSeconds: 60)
        cluster.spec.version = "4.20.3"
        cluster.spec.region = "us-east-1"
        cluster.spec.baseDomain = "labs.example.com"
        cluster.spec.owner = "alice@example.com"
        cluster.spec.costCenter = "sandbox"
        cluster.spec.tags = ["env": "dev", "cost-center": "123"]
        var status = ClusterStatus()
        status.observedGeneration = 3
        status.phase = .hibernated
        status.conditions.set("Ready", .false, reason: "Hibernated", message: "3 control plane: ok", observedGeneration: 3, now: Fixtures.created)
        status.infraID = "team-a-test-01-x7k2p"
        status.apiURL = "https://api.team-a-test-01.labs.example.com:6443"
        status.workers = WorkerStatus(desired: 2, ready: 0)
        status.expiresAt = Fixtures.time(plusSeconds: 36 * 3600)
        status.provisionAttempts = 1
        status.lastOperation = OperationSummary(id: "op-1", type: .hibernate, state: .succeeded,
                                                startedAt: Fixtures.created, finishedAt: Fixtures.time(plusSeconds: 5))
        cluster.status = status
        return cluster
    }

    func decodeOne(_ text: String) throws -> Cluster {
        let results = ManifestParser.parse(text, source: "test.yaml")
        try #require(results.count == 1)
        return try results[0].get().cluster
    }

    func issue(_ text: String) throws -> ManifestError {
        let results = ManifestParser.parse(text, source: "test.yaml")
        try #require(results.count == 1)
        guard case .failure(let error) = results[0] else {
            Issue.record("expected an error")
            throw CancellationError()
        }
        return error
    }

    @Test("YAML round trip is exact")
    func yamlRoundTrip() throws {
        let yaml = try ResourceEncoding.yaml(Self.full)
        let decoded = try decodeOne(yaml)
        #expect(decoded == Self.full)
        #expect(try ResourceEncoding.yaml(decoded) == yaml)
        // The duration keeps the user's spelling.
        #expect(yaml.contains("ttl: 36h"))
    }

    @Test("JSON round trip is exact, and JSON is read with line numbers too")
    func jsonRoundTrip() throws {
        let json = try ResourceEncoding.json(Self.full)
        let decoded = try decodeOne(json)
        #expect(decoded == Self.full)
        #expect(try ResourceEncoding.json(decoded) == json)
        let standard = try JSONDecoder().decode(Cluster.self, from: Data(json.utf8))
        #expect(standard == Self.full)
    }

    @Test("maps are written in sorted order so output is stable")
    func sortedMaps() throws {
        let yaml = try ResourceEncoding.yaml(Self.full)
        let a = try #require(yaml.range(of: "a: b"))
        let purpose = try #require(yaml.range(of: "purpose: ci"))
        #expect(a.lowerBound < purpose.lowerBound)
    }

    @Test("an unknown field names its path and line")
    func unknownField() throws {
        let error = try issue("""
            apiVersion: ocpctl.io/v1alpha1
            kind: Cluster
            metadata:
              name: a
            spec:
              profile: aws-minimal-test
              replicas: 3
            """)
        #expect(error.issue.reason == .unknownField)
        #expect(error.issue.field == "spec.replicas")
        #expect(error.issue.line == 7)
        #expect(error.description.hasPrefix("test.yaml:7: document 1: spec.replicas"))
    }

    @Test("a wrong type names its path and line", arguments: [
        ("  workers: two", "spec.workers", "expected an integer"),
        ("  workers: \"2\"", "spec.workers", "expected an integer"),
        ("  version: 4.20", "spec.version", "expected a string, got a number"),
        ("  tags: [a, b]", "spec.tags", "expected an object, got a list"),
        ("  ttl: 24", "spec.ttl", "expected a string"),
    ])
    func wrongType(line: String, field: String, message: String) throws {
        let error = try issue("apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: a\nspec:\n  profile: p\n\(line)\n")
        #expect(error.issue.field == field)
        #expect(error.issue.line == 7)
        #expect(error.issue.message.contains(message))
    }

    @Test("a missing required field is reported with the enclosing object's line")
    func missingField() throws {
        let error = try issue("apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  namespace: x\nspec:\n  profile: p\n")
        #expect(error.issue.reason == .required)
        #expect(error.issue.field == "metadata.name")
        #expect(error.issue.line == 4)
    }

    @Test("duplicate fields are errors")
    func duplicateField() throws {
        let error = try issue("apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: a\n  name: b\nspec:\n  profile: p\n")
        #expect(error.issue.reason == .duplicate)
        #expect(error.issue.field.contains("name"))
    }

    @Test("apiVersion and kind are checked before the body")
    func kindChecked() throws {
        let wrongKind = try issue("apiVersion: ocpctl.io/v1alpha1\nkind: Machine\nmetadata:\n  name: a\n")
        #expect(wrongKind.issue.field == "kind")
        #expect(wrongKind.issue.line == 2)
        let missing = try issue("kind: Cluster\nmetadata:\n  name: a\n")
        #expect(missing.issue.field == "apiVersion")
        #expect(missing.issue.reason == .required)
    }

    @Test("YAML syntax errors carry a line")
    func syntax() throws {
        let error = try issue("apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: [a\nspec: {}\n")
        #expect(error.issue.reason == .syntax)
        #expect(error.issue.line != nil)
    }

    @Test("multi-document YAML is split, empty documents skipped, each error located in its document")
    func multiDocument() throws {
        let text = """
            apiVersion: ocpctl.io/v1alpha1
            kind: Cluster
            metadata: {name: one}
            spec: {profile: p}
            ---
            ---
            apiVersion: ocpctl.io/v1alpha1
            kind: Cluster
            metadata: {name: two}
            spec: {profile: p, workers: x}
            """
        let results = ManifestParser.parse(text, source: "multi.yaml")
        #expect(results.count == 2)
        #expect(try results[0].get().cluster.metadata.name == "one")
        guard case .failure(let error) = results[1] else {
            Issue.record("second document should fail")
            return
        }
        #expect(error.location.index == 2)
        #expect(error.issue.line == 10)
        #expect(error.description.hasPrefix("multi.yaml:10: document 2: spec.workers"))
    }

    @Test("a JSON list holds several documents")
    func jsonList() throws {
        let text = #"[{"apiVersion":"ocpctl.io/v1alpha1","kind":"Cluster","metadata":{"name":"a"},"spec":{"profile":"p"}},"# + "\n"
            + #" {"apiVersion":"ocpctl.io/v1alpha1","kind":"Cluster","metadata":{"name":"b"},"spec":{"profile":"p"}}]"#
        let names = try ManifestParser.parse(text, source: "list.json").map { try $0.get().cluster.metadata.name }
        #expect(names == ["a", "b"])
    }
}
