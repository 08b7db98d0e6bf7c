import Foundation
import OCPModel

/// The CLI's connection settings on disk: server URL, bearer token and the CA to trust. `ocpctl serve` writes one on first start.
public struct ClientConfigFile: Sendable, Hashable, Codable {
    public var server: String
    public var token: String?
    /// The PEM CA certificate that signed the server's certificate, base64-encoded as in a kubeconfig.
    public var certificateAuthorityData: String?

    /// Creates settings.
    public init(server: String, token: String?, certificateAuthorityPEM: String? = nil) {
        self.server = server
        self.token = token
        certificateAuthorityData = certificateAuthorityPEM.map { Data($0.utf8).base64EncodedString() }
    }

    /// The CA certificate in PEM, decoded from `certificateAuthorityData`.
    public var certificateAuthorityPEM: String? {
        get throws {
            guard let certificateAuthorityData else { return nil }
            guard let data = Data(base64Encoded: certificateAuthorityData), let pem = String(data: data, encoding: .utf8) else {
                throw ClientError.unexpectedResponse(code: 0, message: "client config: certificateAuthorityData is not base64 of a PEM certificate")
            }
            return pem
        }
    }

    /// A client for this server that trusts this CA.
    public func client() throws -> OCPClient {
        try OCPClient(server: server, token: token, certificateAuthorityPEM: certificateAuthorityPEM)
    }

    /// Reads a config file, strictly.
    public static func load(path: String) throws -> ClientConfigFile {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        do {
            return try StrictYAML.decode(ClientConfigFile.self, from: text)
        } catch {
            throw ClientError.unexpectedResponse(code: 0, message: "client config \(path): \(error)")
        }
    }

    /// Writes the file readable by its owner only: it holds a token.
    public func write(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(try ResourceEncoding.yaml(self).utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// Where the CLI looks, in order: `$OCPCTL_CONFIG`, `./.ocpctl/client.yaml` (what `serve` writes in its data directory),
    /// then `~/.config/ocpctl/config.yaml`.
    public static func searchPaths(environment: [String: String]) -> [String] {
        if let explicit = environment["OCPCTL_CONFIG"], !explicit.isEmpty { return [explicit] }
        var paths = [".ocpctl/client.yaml"]
        if let home = environment["HOME"], !home.isEmpty { paths.append(home + "/.config/ocpctl/config.yaml") }
        return paths
    }
}
