import Foundation
@testable import OCPInstaller
import Testing

/// The small pure parts of the driver: line splitting, replica spreading, kubeconfig and location parsing, the
/// directory artifact store.
@Suite("Installer driver pieces")
struct DriverPiecesTests {
    @Test("output splits into lines across reads, with CRLF and an unterminated last line")
    func lines() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("level=info msg=a\nlevel=in".utf8)) == ["level=info msg=a"])
        #expect(splitter.append(Array("fo msg=b\r\n\nlast".utf8)) == ["level=info msg=b", ""])
        #expect(splitter.finish() == "last")
        #expect(splitter.finish() == nil)
    }

    @Test("replicas spread over MachineSets as the installer spreads them over zones")
    func spread() {
        #expect(MachineSets.spread(2, over: 2) == [1, 1])
        #expect(MachineSets.spread(3, over: 2) == [2, 1])
        #expect(MachineSets.spread(0, over: 3) == [0, 0, 0])
        #expect(MachineSets.spread(5, over: 0) == [])
    }

    @Test("the kubeconfig's current context gives the server and token")
    func kubeconfig() throws {
        let text = """
            apiVersion: v1
            clusters:
            - cluster: {server: "http://127.0.0.1:9/clusters/a-1/"}
              name: other
            - cluster: {server: "http://127.0.0.1:8/clusters/demo-x"}
              name: demo
            contexts:
            - context: {cluster: demo, user: admin}
              name: admin
            current-context: admin
            users:
            - name: admin
              user: {token: "sha256~abc"}
            """
        let config = try Kubeconfig.parse(text)
        #expect(config.server == "http://127.0.0.1:8/clusters/demo-x")
        #expect(config.token == "sha256~abc")
        #expect(throws: InstallerError.self) { try Kubeconfig.parse("- a list") }
    }

    @Test("--artifacts is an S3 bucket and prefix, or a directory")
    func artifactLocation() throws {
        #expect(try ArtifactLocation.parse("s3://bucket/some/prefix") == .s3(bucket: "bucket", prefix: "some/prefix"))
        #expect(try ArtifactLocation.parse("s3://bucket") == .s3(bucket: "bucket", prefix: ""))
        #expect(try ArtifactLocation.parse("/data/artifacts") == .directory("/data/artifacts"))
        #expect(throws: InstallerError.self) { try ArtifactLocation.parse("s3://") }
        let store = S3ArtifactStore(bucket: "b", prefix: "/p/q/") { throw CancellationError() }
        #expect(store.uri(forKey: "clusters/u/kubeconfig") == "s3://b/p/q/clusters/u/kubeconfig")
        #expect(store.owns(uri: "s3://b/p/q/x") && !store.owns(uri: "s3://b/other/x") && !store.owns(uri: "s3://bb/p/q/x"))
    }

    @Test("the directory store writes, reads back by URI and reads nothing outside its root")
    func directoryStore() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("artifacts-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try DirectoryArtifactStore(directory: root)
        let stored = try await store.put(key: "clusters/u/install.log", bytes: Array("hello".utf8), contentType: "text/plain")
        #expect(stored.uri == store.uri(forKey: "clusters/u/install.log"))
        #expect(stored.sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(stored.size == 5)
        #expect(try await store.get(uri: stored.uri) == Array("hello".utf8))
        #expect(store.owns(uri: stored.uri))
        #expect(!store.owns(uri: "file:///etc/passwd"))
        #expect(!store.owns(uri: "file://\(root)/../etc/passwd"))
        #expect(try await store.get(uri: "file:///etc/passwd") == nil)
        try await store.delete(uri: stored.uri)
        #expect(try await store.get(uri: stored.uri) == nil)
    }

    @Test("a secret reference names its region and secret")
    func secretRef() {
        let ref = SecretRef("secretsmanager://us-east-2/ocpctl/u-1/kubeadmin-password")
        #expect(ref?.region == "us-east-2")
        #expect(ref?.name == "ocpctl/u-1/kubeadmin-password")
        #expect(ref?.description == "secretsmanager://us-east-2/ocpctl/u-1/kubeadmin-password")
        #expect(SecretRef("s3://b/k") == nil && SecretRef("secretsmanager://us-east-1") == nil)
    }
}
