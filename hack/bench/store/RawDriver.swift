import Foundation
import OCPSQLite
import PostgresNIO

/// The ceiling: the same driver running bare INSERT, SELECT and UPDATE statements on a one-table schema,
/// against the same database file or server, with a payload the size of a stored cluster. For SQLite that
/// is ocpctl's own driver, which prepares each statement once for the raw loop as for the store.
protocol RawDriver: Sendable {
    func setUp() async throws
    func insert(_ id: Int, _ payload: String) async throws
    func select(_ id: Int) async throws
    func update(_ id: Int, _ payload: String) async throws
}

struct RawSQLite: RawDriver {
    let connection: SQLiteConnection

    static func open(directory: String) async throws -> RawSQLite {
        let connection = try await SQLiteConnection.open(path: "\(directory)/ocpctl.db")
        // The store's settings, so the ceiling pays the same fsync per commit.
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL"] {
            _ = try await connection.query(pragma, [])
        }
        return RawSQLite(connection: connection)
    }

    func setUp() async throws {
        _ = try await connection.query("DROP TABLE IF EXISTS bench_raw", [])
        _ = try await connection.query("CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)", [])
    }

    func insert(_ id: Int, _ payload: String) async throws {
        _ = try await connection.query("INSERT INTO bench_raw (id, payload) VALUES (?1, ?2)", [.integer(Int64(id)), .text(payload)])
    }

    func select(_ id: Int) async throws {
        _ = try await connection.query("SELECT id, payload FROM bench_raw WHERE id = ?1", [.integer(Int64(id))])
    }

    func update(_ id: Int, _ payload: String) async throws {
        _ = try await connection.query("UPDATE bench_raw SET payload = ?1 WHERE id = ?2", [.text(payload), .integer(Int64(id))])
    }
}

struct RawPostgres: RawDriver {
    let client: PostgresClient

    func setUp() async throws {
        try await client.query("DROP TABLE IF EXISTS bench_raw")
        try await client.query("CREATE TABLE bench_raw (id bigint PRIMARY KEY, payload jsonb NOT NULL)")
    }

    func insert(_ id: Int, _ payload: String) async throws {
        try await client.query("INSERT INTO bench_raw (id, payload) VALUES (\(id), \(payload)::jsonb)")
    }

    func select(_ id: Int) async throws {
        for try await _ in try await client.query("SELECT id, payload::text FROM bench_raw WHERE id = \(id)") {}
    }

    func update(_ id: Int, _ payload: String) async throws {
        try await client.query("UPDATE bench_raw SET payload = \(payload)::jsonb WHERE id = \(id)")
    }
}

extension RawDriver {
    /// The three bare loops over `count` rows, in the order the store's loops run.
    func insertLoop(count: Int, payload: String) async throws -> Double {
        try await setUp()
        return try await Measure.opsPerSecond(count) { try await insert($0, payload) }
    }

    func selectLoop(count: Int) async throws -> Double {
        try await Measure.opsPerSecond(count) { try await select(($0 * 7919) % count) }
    }

    func updateLoop(count: Int, payload: String) async throws -> Double {
        // A new payload each time: SQLite skips writing a row whose bytes did not change, which would make
        // the ceiling a loop that commits nothing.
        try await Measure.opsPerSecond(count) { try await update($0, payload.replacingOccurrences(of: "}", with: ",\"n\":\($0)}")) }
    }
}
