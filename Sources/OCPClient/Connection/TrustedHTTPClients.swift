import AsyncHTTPClient
import NIOSSL
import Synchronization

/// HTTP clients that trust one CA each. Each is made once per process and kept for its life (a CLI run or a test
/// process makes one or two), because a client must be shut down before it is released.
enum TrustedHTTPClients {
    private struct Key: Hashable {
        let certificateAuthorityPEM: String?
        let insecureSkipTLSVerify: Bool
    }

    private static let clients = Mutex<[Key: HTTPClient]>([:])

    /// The shared client when nothing is special; otherwise the one kept for this CA.
    static func client(certificateAuthorityPEM: String?, insecureSkipTLSVerify: Bool) throws -> HTTPClient {
        guard certificateAuthorityPEM != nil || insecureSkipTLSVerify else { return .shared }
        let key = Key(certificateAuthorityPEM: certificateAuthorityPEM, insecureSkipTLSVerify: insecureSkipTLSVerify)
        var tls = TLSConfiguration.makeClientConfiguration()
        if let certificateAuthorityPEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(certificateAuthorityPEM.utf8)))
            } catch {
                throw ClientError.unexpectedResponse(code: 0, message: "the certificate authority is not a PEM certificate: \(error)")
            }
        }
        if insecureSkipTLSVerify { tls.certificateVerification = .none }
        return clients.withLock { clients in
            if let existing = clients[key] { return existing }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
            clients[key] = client
            return client
        }
    }
}
