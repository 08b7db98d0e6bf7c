import Crypto
import Foundation
public import OCPModel

/// The tokens file: SHA-256 hashes of bearer tokens, each mapped to a user, teams and a role. No token is kept in clear.
public struct TokenFile: Sendable, Hashable, Codable {
    /// One token's hash and who it stands for.
    public struct Entry: Sendable, Hashable, Codable {
        /// Lowercase hex SHA-256 of the token.
        public var sha256: String
        public var user: String
        public var teams: [String]?
        public var role: Role

        /// Creates an entry.
        public init(sha256: String, user: String, teams: [String]? = nil, role: Role) {
            self.sha256 = sha256
            self.user = user
            self.teams = teams
            self.role = role
        }
    }

    public var tokens: [Entry]

    /// Creates a tokens file.
    public init(tokens: [Entry]) {
        self.tokens = tokens
    }

    /// Reads and strictly decodes a tokens file.
    public static func load(path: String) throws -> TokenFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TokenFileError(path: path, message: "cannot read: \(error.localizedDescription)")
        }
        do {
            return try StrictYAML.decode(TokenFile.self, from: text)
        } catch {
            throw TokenFileError(path: path, message: "\(error.line.map { "line \($0): " } ?? "")\(error)")
        }
    }

    /// Writes the file readable by its owner only, since it names every identity.
    public func write(path: String) throws {
        try Data(try ResourceEncoding.yaml(self).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// The lowercase hex SHA-256 of a token, as the file stores it.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random token: 32 bytes from the system's secure generator, hex encoded.
    public static func generateToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}

/// A tokens file that cannot be used, with its path.
public struct TokenFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    /// Creates the error.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "tokens file \(path): \(message)" }
}
