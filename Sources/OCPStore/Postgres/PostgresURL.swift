import Foundation
public import PostgresNIO

/// Parses `postgres://user:password@host:port/database?sslmode=disable` (or `?host=/socket/dir` for a
/// unix socket, as libpq does) into a client configuration.
public enum PostgresURL {
    /// The client configuration for `url`.
    public static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw StoreError.invalid(kind: "PostgresURL", name: redacted(url), reason: "expected postgres://user@host:port/database")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let username = components.user ?? query["user"] ?? "postgres"
        let password = components.password ?? query["password"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? query["dbname"] : path
        let port = components.port ?? Int(query["port"] ?? "") ?? 5432
        var configuration: PostgresClient.Configuration
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            configuration = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password,
                                  database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS = switch query["sslmode"] ?? "prefer" {
            case "disable": .disable
            case "require", "verify-ca", "verify-full": .require(.makeClientConfiguration())
            default: .prefer(.makeClientConfiguration())
            }
            configuration = .init(host: components.host ?? "localhost", port: port, username: username, password: password,
                                  database: database, tls: tls)
        }
        return configuration
    }

    /// The same server and credentials with another database.
    public static func replacingDatabase(in url: String, with database: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/\(database)"
        return components.string ?? url
    }

    /// The URL without its password, for messages.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
