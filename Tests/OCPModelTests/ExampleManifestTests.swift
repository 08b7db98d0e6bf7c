import Foundation
import Testing
import OCPLoader
import OCPModel

@Suite("The example manifests")
struct ExampleManifestTests {
    @Test("every example in manifests/ is valid")
    func examplesAreValid() throws {
        let checked = ValidatedManifests(try ManifestReader.read(Fixtures.path("manifests")), profiles: Fixtures.catalog)
        #expect(checked.errors.map(\.description) == [])
        #expect(checked.valid.map(\.cluster.metadata.name).sorted() == ["team-a-minimal", "team-a-standard", "team-b-parked", "team-b-smoke"])
    }

    /// Each invalid example, the field its error must name and the line it must point at.
    static let invalid: [(file: String, field: String, line: Int)] = [
        ("bad-name.yaml", "metadata.name", 5),
        ("bad-syntax.yaml", "", 7),
        ("bad-ttl.yaml", "spec.ttl", 9),
        ("disabled-profile.yaml", "spec.profile", 8),
        ("missing-profile.yaml", "spec.profile", 8),
        ("missing-required-tag.yaml", "spec.tags.cost-center", 9),
        ("unknown-field.yaml", "spec.replicas", 9),
        ("wrong-api-version.yaml", "apiVersion", 2),
        ("wrong-kind.yaml", "kind", 3),
        ("wrong-type.yaml", "spec.workers", 9),
    ]

    @Test("each invalid example fails with its field and line", arguments: invalid)
    func invalidExample(file: String, field: String, line: Int) throws {
        let checked = ValidatedManifests(try ManifestReader.read(Fixtures.path("manifests/invalid/\(file)")), profiles: Fixtures.catalog)
        #expect(checked.valid.isEmpty)
        let error = try #require(checked.errors.first)
        #expect(error.issue.field == field)
        #expect(error.issue.line == line)
    }

    @Test("every invalid example says in a comment what is wrong")
    func commented() throws {
        for file in try ManifestReader.files(at: Fixtures.path("manifests/invalid")) where !file.hasSuffix(".json") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.hasPrefix("# Invalid:"), "\(file) lacks its explaining comment")
        }
    }

    @Test("the policy example reports all six violations at once")
    func allViolations() throws {
        let checked = ValidatedManifests(try ManifestReader.read(Fixtures.path("manifests/invalid/policy-violations.yaml")), profiles: Fixtures.catalog)
        #expect(checked.errors.map(\.issue.field) == ["spec.version", "spec.region", "spec.baseDomain", "spec.ttl", "spec.workers", "spec.powerState"])
        #expect(checked.errors.map { $0.issue.line ?? 0 } == [15, 16, 17, 18, 19, 20])
    }

    @Test("in a JSON list, the valid document passes and the invalid one is located")
    func jsonList() throws {
        let checked = ValidatedManifests(try ManifestReader.read(Fixtures.path("manifests/invalid/multi-document.json")), profiles: Fixtures.catalog)
        #expect(checked.valid.map(\.cluster.metadata.name) == ["json-ok"])
        #expect(checked.errors.map(\.location.index) == [2])
        #expect(checked.errors.first?.issue.line == 12)
    }

    @Test("the same cluster twice is a duplicate error")
    func duplicates() {
        let text = try! String(contentsOfFile: Fixtures.path("manifests/minimal.yaml"), encoding: .utf8)
        let checked = ValidatedManifests(ManifestParser.parse(text + "---\n" + text, source: "dup.yaml"), profiles: Fixtures.catalog)
        #expect(checked.valid.count == 1)
        #expect(checked.errors.first?.issue.reason == .duplicate)
    }
}
