import Foundation
@testable import OCPInstaller
import Testing

/// The admin kubeconfig openshift-install writes authenticates with a client certificate and trusts the cluster's CA:
/// the scale client is built from those.
@Suite("Kubeconfig TLS", .enabled(if: TestCertificate.pair != nil, "openssl is needed to make a test certificate"))
struct KubeconfigTLSTests {
    static var certificate: String { TestCertificate.pair?.certificate ?? "" }
    static var key: String { TestCertificate.pair?.key ?? "" }

    static func kubeconfig(ca: String? = certificate, certificate: String? = certificate, key: String? = key) -> String {
        """
        clusters:
        - name: c
          cluster:
            server: https://api.demo.labs.example.com:6443
        \(ca.map { "    certificate-authority-data: \($0)" } ?? "")
        contexts:
        - {name: admin, context: {cluster: c, user: admin}}
        current-context: admin
        users:
        - name: admin
          user:
        \(certificate.map { "    client-certificate-data: \($0)" } ?? "    token: sha256~x")
        \(key.map { "    client-key-data: \($0)" } ?? "")
        """
    }

    @Test("the CA, client certificate and key of the kubeconfig make the TLS configuration")
    func clientCertificate() throws {
        let config = try Kubeconfig.parse(Self.kubeconfig())
        #expect(config.needsTLSConfiguration)
        let tls = try KubeHTTPClient.tlsConfiguration(config)
        #expect(tls.certificateChain.count == 1)
        #expect(tls.privateKey != nil)
        #expect(tls.trustRoots != nil)
    }

    @Test("a token-only kubeconfig uses the shared client; broken certificate data is an error that quotes nothing")
    func tokenAndBrokenData() throws {
        #expect(!(try Kubeconfig.parse(Self.kubeconfig(ca: nil, certificate: nil, key: nil))).needsTLSConfiguration)
        let broken = try Kubeconfig.parse(Self.kubeconfig(certificate: "bm90IGEgY2VydGlmaWNhdGU="))
        #expect {
            try KubeHTTPClient.tlsConfiguration(broken)
        } throws: { error in
            "\(error)".contains("cannot be used") && !"\(error)".contains("bm90IGEgY2VydGlmaWNhdGU=")
        }
    }
}

enum TestCertificate {
    /// A self-signed certificate and its key, base64 PEM, made with openssl for this test run only.
    static let pair: (certificate: String, key: String)? = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kube-tls-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem", "-days", "1", "-subj", "/CN=test-admin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let certificate = FileManager.default.contents(atPath: directory + "/cert.pem"),
              let key = FileManager.default.contents(atPath: directory + "/key.pem") else { return nil }
        return (certificate.base64EncodedString(), key.base64EncodedString())
    }()
}
