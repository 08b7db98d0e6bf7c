import OCPConcurrency
import Foundation
import OCPSQLite

/// SQLite behind the store: one writer connection serialised by a lock, and reader connections that
/// WAL mode lets run beside it. Each connection keeps its prepared statements, so the store's few
/// statements are parsed once.
final class SQLiteBackend: SQLDatabase, @unchecked Sendable {
    let dialect = SQLDialect.sqlite
    // Other processes may write the same file; their changes are found by polling the change log.
    let changes = ChangeSignal(pollInterval: .milliseconds(200))
    private let writer: SQLiteConnection
    private let writeLock = AsyncMutex()
    private let readers: [SQLiteConnection]
    private let readerLock = NSLock()
    /// Reads running on each reader connection.
    private var readsInFlight: [Int]

    private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
        self.readsInFlight = Array(repeating: 0, count: readers.count)
    }

    private static let busyTimeout = Duration.seconds(5)

    /// Opens (creating if needed) the database file at `path`.
    static func open(path: String, readers readerCount: Int = 2) async throws -> SQLiteBackend {
        // The busy timeout covers a second process (a migration, the crash test's checker) holding the lock
        // for a moment.
        let writer = try await SQLiteConnection.open(path: path, busyTimeout: busyTimeout)
        // WAL lets readers run beside the writer; synchronous=FULL syncs the WAL at every commit, so an
        // acknowledged write survives kill -9 and power loss.
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"] {
            _ = try await writer.query(pragma, [])
        }
        var readers: [SQLiteConnection] = []
        for _ in 0..<readerCount {
            let reader = try await SQLiteConnection.open(path: path, busyTimeout: busyTimeout)
            _ = try await reader.query("PRAGMA query_only = ON", [])
            readers.append(reader)
        }
        return SQLiteBackend(writer: writer, readers: readers)
    }

    func close() async throws {
        for reader in readers { try await reader.close() }
        try await writer.close()
    }

    func execute(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let rows = try await writeLock.withLock { try await Self.run(writer, sql, binds) }
        changes.signal()
        return rows
    }

    func read(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        // The least busy reader, the first on a tie: one caller at a time keeps reusing a thread that is still
        // awake, which answers several times faster than waking a parked one.
        let index = readerLock.withLock {
            let index = readsInFlight.indices.min { readsInFlight[$0] < readsInFlight[$1] } ?? 0
            readsInFlight[index] += 1
            return index
        }
        defer { readerLock.withLock { readsInFlight[index] -= 1 } }
        // A single statement on a connection with no open transaction reads one consistent snapshot.
        return try await Self.run(readers[index], sql, binds)
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        let result = try await writeLock.withLock {
            // IMMEDIATE takes the write lock up front, so the transaction cannot fail half-way with SQLITE_BUSY.
            _ = try await Self.run(writer, "BEGIN IMMEDIATE", [])
            do {
                let value = try await body(Connection(connection: writer))
                _ = try await Self.run(writer, "COMMIT", [])
                return value
            } catch {
                _ = try? await Self.run(writer, "ROLLBACK", [])
                throw error
            }
        }
        changes.signal()
        return result
    }

    /// Runs raw SQL with no parameters, e.g. `PRAGMA integrity_check`.
    func pragma(_ sql: String) async throws -> [SQLRow] {
        try await writeLock.withLock { try await Self.run(writer, sql, []) }
    }

    /// The writer connection inside a transaction; the caller already holds the lock.
    private struct Connection: SQLExecutor {
        let connection: SQLiteConnection
        func execute(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            try await SQLiteBackend.run(connection, sql, binds)
        }
    }

    static func run(_ connection: SQLiteConnection, _ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        do {
            let rows = try await connection.query(sql, binds.map(sqliteValue))
            return rows.map { row in SQLRow(cells: row.values.map(sqlValue)) }
        } catch let error as SQLiteError where error.isUniqueViolation {
            throw SQLFailure.uniqueViolation(detail: error.message)
        } catch let error as SQLiteError where error.isForeignKeyViolation {
            throw SQLFailure.foreignKeyViolation(detail: error.message)
        }
    }

    private static func sqliteValue(_ value: SQLValue) -> SQLiteValue {
        switch value {
        case .null: .null
        case let .integer(value): .integer(value)
        case let .real(value): .real(value)
        case let .text(value): .text(value)
        case let .blob(value): .blob(value)
        case let .bool(value): .integer(value ? 1 : 0)
        }
    }

    private static func sqlValue(_ value: SQLiteValue) -> SQLValue {
        switch value {
        case .null: .null
        case let .integer(value): .integer(value)
        case let .real(value): .real(value)
        case let .text(value): .text(value)
        case let .blob(value): .blob(value)
        }
    }
}
