import Foundation
import Testing
import OCPModel

@Suite("install-config.yaml rendering")
struct RenderTests {
    static let secrets = InstallConfigRenderer.Secrets(
        pullSecret: #"{"auths":{"quay.io":{"auth":"c2VjcmV0"}}}"#, sshPublicKey: "ssh-ed25519 AAAAC3Nza test@example.com")

    /// Compares with `Tests/OCPModelTests/Golden/NAME`; `OCPCTL_UPDATE_GOLDEN=1` rewrites the file instead.
    func expectGolden(_ rendered: String, _ name: String) throws {
        let path = Fixtures.path("Tests/OCPModelTests/Golden/\(name)")
        if ProcessInfo.processInfo.environment["OCPCTL_UPDATE_GOLDEN"] == "1" {
            try rendered.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(rendered == golden)
    }

    @Test("AWS, from the standard example manifest")
    func aws() throws {
        let document = try ManifestParser.parse(
            String(contentsOfFile: Fixtures.path("manifests/standard.yaml"), encoding: .utf8), source: "standard.yaml")[0].get()
        try expectGolden(try InstallConfigRenderer.render(document.cluster, profile: Fixtures.standardProfile, secrets: Self.secrets),
                         "aws-standard.install-config.yaml")
    }

    @Test("AWS minimal, all defaults")
    func awsMinimal() throws {
        try expectGolden(try InstallConfigRenderer.render(Fixtures.cluster(), profile: Fixtures.minimalProfile, secrets: Self.secrets),
                         "aws-minimal-test.install-config.yaml")
    }

    @Test("IBM Cloud")
    func ibm() throws {
        var cluster = Fixtures.cluster(name: "team-c-ibm", workers: 2)
        cluster.spec.profile = "ibm-standard"
        try expectGolden(try InstallConfigRenderer.render(cluster, profile: Fixtures.catalog["ibm-standard"]!, secrets: Self.secrets),
                         "ibm-standard.install-config.yaml")
    }

    @Test("secrets are parameters: the spec never carries them, and the placeholder is obvious")
    func secretsStayOut() throws {
        let cluster = Fixtures.cluster()
        let yaml = try ResourceEncoding.yaml(cluster)
        #expect(!yaml.contains("pullSecret"))
        let preview = try InstallConfigRenderer.render(cluster, profile: Fixtures.minimalProfile, secrets: .placeholder)
        #expect(preview.contains("REDACTED"))
        #expect(!preview.contains("sshKey"))
    }
}
