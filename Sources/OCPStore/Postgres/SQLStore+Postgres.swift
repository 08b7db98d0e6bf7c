public import Logging
public import OCPModel
import PostgresNIO

extension SQLStore {
    /// Connects to PostgreSQL at `url`, applies pending migrations, runs `body` with the store, then disconnects.
    /// The connection pool and the LISTEN connection live in child tasks of this call; the pool has at
    /// least two connections, since the LISTEN loop keeps one.
    public static func withPostgres<Result: Sendable>(
        url: String, now: Timestamp, maximumConnections: Int = 20, logger: Logger = Logger(label: "ocpctl.store"),
        _ body: (SQLStore) async throws -> Result
    ) async throws -> Result {
        try await withPostgresBackend(url: url, maximumConnections: max(maximumConnections, 2), listening: true, logger: logger) { backend in
            let applied = try await Migrator.migrate(backend, Migration.postgres, now: now)
            if !applied.isEmpty { logger.info("applied migrations", metadata: ["migrations": "\(applied)"]) }
            return try await body(SQLStore(db: backend, logger: logger))
        }
    }

    /// Creates an empty database `name` on the server at `url` and returns its URL (for tests and benchmarks).
    public static func createPostgresDatabase(serverURL url: String, name: String) async throws -> String {
        guard !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else {
            throw StoreError.invalid(kind: "Database", name: name, reason: "use lower-case letters, digits and _")
        }
        try await withPostgresBackend(url: url, maximumConnections: 1, listening: false, logger: Logger(label: "ocpctl.store")) { backend in
            // Identifiers cannot be bound parameters; the name was checked above to be letters, digits and _.
            _ = try await backend.execute("CREATE DATABASE \(name)", [])
        }
        return PostgresURL.replacingDatabase(in: url, with: name)
    }

    /// Applies pending migrations to the PostgreSQL database at `url` and returns the names applied (for `ocpctl migrate`).
    public static func migratePostgres(url: String, now: Timestamp, logger: Logger = Logger(label: "ocpctl.store")) async throws -> [String] {
        try await withPostgresBackend(url: url, maximumConnections: 1, listening: false, logger: logger) { backend in
            try await Migrator.migrate(backend, Migration.postgres, now: now)
        }
    }

    static func withPostgresBackend<Result: Sendable>(
        url: String, maximumConnections: Int, listening: Bool, logger: Logger, _ body: (PostgresBackend) async throws -> Result
    ) async throws -> Result {
        var configuration = try PostgresURL.configuration(url)
        configuration.options.maximumConnections = maximumConnections
        let backend = PostgresBackend(client: PostgresClient(configuration: configuration, backgroundLogger: logger), logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await backend.run(listening: listening) }
            defer { group.cancelAll() }
            return try await body(backend)
        }
    }
}
