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

    /// The client kept for this CA (nil: the system's roots).
    static func client(certificateAuthorityPEM: String?, insecureSkipTLSVerify: Bool) throws -> HTTPClient {
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
            var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
            // A certificate that does not verify fails the call at once, instead of being retried until its deadline.
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = client
            return client
        }
    }
}
