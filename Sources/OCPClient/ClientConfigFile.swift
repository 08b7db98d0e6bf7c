import Foundation
import OCPModel

/// The CLI's connection settings on disk: server URL and bearer token. `ocpctl serve` writes one on first start.
public struct ClientConfigFile: Sendable, Hashable, Codable {
    public var server: String
    public var token: String?

    /// Creates settings.
    public init(server: String, token: String?) {
        self.server = server
        self.token = token
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
