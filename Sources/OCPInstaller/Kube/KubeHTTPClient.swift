import AsyncHTTPClient
import Foundation
import NIOSSL

/// The HTTP client for one cluster's API: the shared one when the kubeconfig needs nothing special, else one
/// trusting the kubeconfig's CA and presenting its client certificate, shut down after use.
enum KubeHTTPClient {
    /// Runs `body` with a client for `kubeconfig`.
    static func with<T: Sendable>(_ kubeconfig: Kubeconfig, shared: HTTPClient, _ body: (HTTPClient) async throws -> T) async throws -> T {
        guard kubeconfig.needsTLSConfiguration else { return try await body(shared) }
        let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                configuration: HTTPClient.Configuration(tlsConfiguration: try tlsConfiguration(kubeconfig)))
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// TLS from the kubeconfig: its CA as the only trust root, its client certificate and key; errors never quote them.
    static func tlsConfiguration(_ kubeconfig: Kubeconfig) throws(InstallerError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let ca = kubeconfig.certificateAuthorityData {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(try pem(ca, "certificate-authority-data")))
            }
            if let certificate = kubeconfig.clientCertificateData, let key = kubeconfig.clientKeyData {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(try pem(certificate, "client-certificate-data")).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: try pem(key, "client-key-data"), format: .pem))
            }
        } catch let error as InstallerError {
            throw error
        } catch {
            throw .clusterAPI("the stored kubeconfig's certificates cannot be used: \(type(of: error))")
        }
        if kubeconfig.insecureSkipTLSVerify { tls.certificateVerification = .none }
        return tls
    }

    static func pem(_ base64: String, _ field: String) throws(InstallerError) -> [UInt8] {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .clusterAPI("the stored kubeconfig's \(field) is not base64")
        }
        return [UInt8](data)
    }
}
