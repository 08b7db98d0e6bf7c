public import Logging
public import OCPModel

/// Where the store lives: the embedded SQLite file in a data directory, or a PostgreSQL database.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(directory: String)
    case postgres(url: String)

    public var description: String {
        switch self {
        case let .sqlite(directory): "sqlite:\(directory)"
        case let .postgres(url): PostgresURL.redacted(url)
        }
    }
}

extension SQLStore {
    /// Opens the store at `location`, applies pending migrations, runs `body`, and closes the store.
    public static func withStore<Result: Sendable>(
        at location: StoreLocation, now: Timestamp, logger: Logger = Logger(label: "ocpctl.store"),
        _ body: (SQLStore) async throws -> Result
    ) async throws -> Result {
        switch location {
        case let .sqlite(directory):
            let store = try await openSQLite(directory: directory, now: now, logger: logger)
            do {
                let result = try await body(store)
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        case let .postgres(url):
            return try await withPostgres(url: url, now: now, logger: logger, body)
        }
    }
}
