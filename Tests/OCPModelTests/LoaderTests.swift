import Foundation
import Testing
import OCPLoader
import OCPModel

@Suite("Reading manifests from files, directories and standard input")
struct LoaderTests {
    /// A temporary directory tree of manifests, removed after the test.
    func withTree(_ body: (String) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-loader-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/nested/deeper", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let doc = { (name: String) in "apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: \(name)\nspec:\n  profile: aws-minimal-test\n" }
        try doc("top").write(toFile: dir + "/a.yaml", atomically: true, encoding: .utf8)
        try (doc("second") + "---\n" + doc("third")).write(toFile: dir + "/b.yml", atomically: true, encoding: .utf8)
        try #"{"apiVersion":"ocpctl.io/v1alpha1","kind":"Cluster","metadata":{"name":"json"},"spec":{"profile":"aws-minimal-test"}}"#
            .write(toFile: dir + "/nested/c.json", atomically: true, encoding: .utf8)
        try doc("deep").write(toFile: dir + "/nested/deeper/d.yaml", atomically: true, encoding: .utf8)
        try "not a manifest".write(toFile: dir + "/README.md", atomically: true, encoding: .utf8)
        try body(dir)
    }

    func names(_ results: [Result<ManifestDocument, ManifestError>]) throws -> [String] {
        try results.map { try $0.get().cluster.metadata.name }
    }

    @Test("a directory is read in sorted order; -R adds subdirectories; other extensions are ignored")
    func directory() throws {
        try withTree { dir in
            let flat = try names(ManifestReader.read(dir))
            let recursive = try names(ManifestReader.read(dir, recursive: true))
            #expect(flat == ["top", "second", "third"])
            #expect(recursive == ["top", "second", "third", "json", "deep"])
        }
    }

    @Test("a single file, and errors name the file")
    func file() throws {
        try withTree { dir in
            let results = try ManifestReader.read(dir + "/b.yml")
            let second = try results[1].get().location
            #expect(results.count == 2)
            #expect(second.source == dir + "/b.yml")
            #expect(second.index == 2)
        }
    }

    @Test("standard input is read when the path is -")
    func stdin() throws {
        let results = try ManifestReader.read("-", stdin: { "apiVersion: ocpctl.io/v1alpha1\nkind: Cluster\nmetadata:\n  name: piped\nspec:\n  profile: x\n" })
        #expect(try names(results) == ["piped"])
        #expect(try results[0].get().location.source == "<stdin>")
    }

    @Test("a missing path is a load error naming it")
    func missing() {
        #expect(throws: LoadError.self) { try ManifestReader.read("/nonexistent/manifests") }
    }
}
