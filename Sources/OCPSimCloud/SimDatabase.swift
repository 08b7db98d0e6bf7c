public import OCPCloud
import Foundation
import OCPConcurrency
import OCPSQLite

/// The simulated account's SQLite file. Several processes may share it (replica tests): every change runs in
/// a `BEGIN IMMEDIATE` transaction, and the busy timeout makes the others wait their turn. Within a process,
/// a lock held across awaits keeps one caller on the connection at a time.
final class SimDatabase: Sendable {
    private let connection: SQLiteConnection
    private let lock = AsyncMutex()

    private init(connection: SQLiteConnection) {
        self.connection = connection
    }

    static func open(path: String) async throws -> SimDatabase {
        let connection = try await SQLiteConnection.open(path: path, busyTimeout: .seconds(10))
        // NORMAL in WAL mode survives kill -9 (the OS holds what was written); only a power cut could lose the
        // last commits, which a simulated cloud can afford, and it saves an fsync per operation.
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"] {
            _ = try await connection.query(pragma, [])
        }
        let database = SimDatabase(connection: connection)
        try await database.transaction { try await SimDatabase.migrate($0) }
        return database
    }

    /// Closes the file; closing twice is harmless.
    func close() async throws {
        try await lock.withLock {
            guard !connection.isClosed else { return }
            try await connection.close()
        }
    }

    /// Runs `body` in one write transaction, holding the connection; rolls back when it throws.
    func transaction<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await lock.withLock {
            _ = try await connection.query("BEGIN IMMEDIATE", [])
            do {
                let result = try await body(Transaction(connection: connection))
                _ = try await connection.query("COMMIT", [])
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", [])
                throw error
            }
        }
    }

    /// Runs one statement on its own, with bound parameters, and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: [SQLiteValue] = []) async throws -> [SQLiteRow] {
        try await lock.withLock { try await connection.query(sql, binds) }
    }

    /// Statements inside a transaction: the lock is already held.
    struct Transaction: Sendable {
        let connection: SQLiteConnection

        @discardableResult
        func query(_ sql: String, _ binds: [SQLiteValue] = []) async throws -> [SQLiteRow] {
            try await connection.query(sql, binds)
        }
    }

    private static func migrate(_ db: Transaction) async throws {
        let version = try await db.query("PRAGMA user_version").first?.column("user_version")?.integer ?? 0
        guard version < 1 else { return }
        for statement in schema {
            try await db.query(statement)
        }
        try await db.query("PRAGMA user_version = 1")
    }

    private static let schema = [
        """
        CREATE TABLE resources (
            id TEXT PRIMARY KEY, infra_id TEXT NOT NULL, cluster_uid TEXT NOT NULL, kind TEXT NOT NULL,
            name TEXT NOT NULL, state TEXT NOT NULL, region TEXT NOT NULL, tags TEXT NOT NULL, created_at REAL NOT NULL)
        """,
        "CREATE INDEX resources_by_infra_id ON resources (infra_id)",
        "CREATE INDEX resources_by_cluster_uid ON resources (cluster_uid)",
        """
        CREATE TABLE installs (
            infra_id TEXT PRIMARY KEY, cluster_uid TEXT NOT NULL, name TEXT NOT NULL, base_domain TEXT NOT NULL,
            region TEXT NOT NULL, installed INTEGER NOT NULL, powered_on INTEGER NOT NULL)
        """,
        """
        CREATE TABLE operations (
            id TEXT PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL, cluster_uid TEXT NOT NULL, infra_id TEXT NOT NULL,
            request TEXT NOT NULL, started_at REAL NOT NULL, completes_at REAL NOT NULL, error TEXT)
        """,
        "CREATE INDEX running_operations ON operations (state, completes_at)",
        """
        CREATE TABLE log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, event TEXT NOT NULL, operation_id TEXT,
            type TEXT, cluster_uid TEXT NOT NULL, infra_id TEXT NOT NULL, detail TEXT NOT NULL)
        """,
        "CREATE TABLE faults (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, region TEXT)",
    ]
}

extension SQLiteRow {
    func text(_ name: String) -> String { column(name)?.text ?? "" }
    func double(_ name: String) -> Double { column(name)?.real ?? 0 }
    func int(_ name: String) -> Int { Int(column(name)?.integer ?? 0) }
    func optionalText(_ name: String) -> String? {
        guard let value = column(name), value != .null else { return nil }
        return value.text
    }
}
