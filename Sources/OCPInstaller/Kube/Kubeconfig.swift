import Foundation
import Yams

/// The parts of a kubeconfig the driver uses: the current context's server and credentials.
struct Kubeconfig: Sendable, Hashable {
    var server: String
    /// Bearer token, when the user has one.
    var token: String?
    /// Base64 PEM, as kubeconfig files carry them: the CA to trust, and the client certificate and key
    /// (openshift-install's admin kubeconfig authenticates with those).
    var certificateAuthorityData: String?
    var clientCertificateData: String?
    var clientKeyData: String?
    var insecureSkipTLSVerify: Bool

    /// Whether reaching the server needs more than the system's trust and a bearer token.
    var needsTLSConfiguration: Bool {
        certificateAuthorityData != nil || clientCertificateData != nil || insecureSkipTLSVerify
    }

    /// Parses kubeconfig YAML; errors never quote its content.
    static func parse(_ text: String) throws(InstallerError) -> Kubeconfig {
        guard let loaded = try? Yams.load(yaml: text), let document = loaded as? [String: Any] else {
            throw .clusterAPI("the stored kubeconfig is not a YAML mapping")
        }
        func named(_ list: String, _ name: String?, _ field: String) -> [String: Any]? {
            let entries = document[list] as? [[String: Any]] ?? []
            let entry = name.flatMap { wanted in entries.first { $0["name"] as? String == wanted } } ?? entries.first
            return entry?[field] as? [String: Any]
        }
        let context = named("contexts", document["current-context"] as? String, "context")
        guard let cluster = named("clusters", context?["cluster"] as? String, "cluster"), let server = cluster["server"] as? String else {
            throw .clusterAPI("the stored kubeconfig names no cluster server")
        }
        let user = named("users", context?["user"] as? String, "user")
        return Kubeconfig(server: server.hasSuffix("/") ? String(server.dropLast()) : server, token: user?["token"] as? String,
                          certificateAuthorityData: cluster["certificate-authority-data"] as? String,
                          clientCertificateData: user?["client-certificate-data"] as? String,
                          clientKeyData: user?["client-key-data"] as? String,
                          insecureSkipTLSVerify: cluster["insecure-skip-tls-verify"] as? Bool ?? false)
    }
}
