import Foundation
import Logging
import OCPConcurrency
import OCPSQLite
import PostgresNIO

/// Where the simulated account lives: its own SQLite file in the data directory, or a schema of the control
/// plane's PostgreSQL database, so replicas on several machines share one account (architecture.md §4).
/// Every change runs in a transaction that holds the account's single writer lock: `BEGIN IMMEDIATE` in SQLite,
/// a transaction-scoped advisory lock in PostgreSQL. Several processes may share either.
final class SimDatabase: Sendable {
    enum Backend: Sendable {
        /// Within a process, a lock held across awaits keeps one caller on the connection at a time.
        case sqlite(SQLiteConnection, AsyncMutex)
        /// The pool runs in `runner` until the account is closed.
        case postgres(PostgresClient, runner: Task<Void, Never>)
    }

    /// The advisory lock every PostgreSQL write transaction takes (any constant; "ocpsim" in ASCII).
    static let writerLock: Int64 = 0x6f63_7073_696d
    static let logger = Logger(label: "ocpctl.simcloud")

    private let backend: Backend

    private init(backend: Backend) {
        self.backend = backend
    }

    /// Opens (creating) the account file at `path`.
    static func open(path: String) async throws -> SimDatabase {
        let connection = try await SQLiteConnection.open(path: path, busyTimeout: .seconds(10))
        // NORMAL in WAL mode survives kill -9 (the OS holds what was written); only a power cut could lose the
        // last commits, which a simulated cloud can afford, and it saves an fsync per operation.
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"] {
            _ = try await connection.query(pragma, [])
        }
        let database = SimDatabase(backend: .sqlite(connection, AsyncMutex()))
        try await database.transaction { db in
            let version = try await db.query("PRAGMA user_version").first?.int("user_version") ?? 0
            guard version < 1 else { return }
            for statement in SimSchema.sqlite { try await db.query(SimSQL(stringLiteral: statement)) }
            try await db.query("PRAGMA user_version = 1")
        }
        return database
    }

    /// Opens (creating) the account in `schema` of the PostgreSQL database at `configuration`.
    static func open(postgres configuration: PostgresClient.Configuration, schema: String) async throws -> SimDatabase {
        var configuration = configuration
        // Unqualified names resolve in the account's schema: the SQL is the same as on SQLite.
        configuration.options.additionalStartupParameters.append(("search_path", schema))
        configuration.options.maximumConnections = 4
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runner = Task { await client.run() }
        let database = SimDatabase(backend: .postgres(client, runner: runner))
        do {
            try await database.transaction { db in
                // The schema name is checked by the caller to be letters, digits and _; identifiers cannot be bound.
                try await db.query("CREATE SCHEMA IF NOT EXISTS \(raw: schema)")
                for statement in SimSchema.postgres { try await db.query(SimSQL(stringLiteral: statement)) }
            }
        } catch {
            runner.cancel()
            throw error
        }
        return database
    }

    /// The column giving operations in the order they were started.
    var operationOrder: String {
        switch backend {
        case .sqlite: "rowid"
        case .postgres: "seq"
        }
    }

    /// Closes the file or the pool; closing twice is harmless.
    func close() async throws {
        switch backend {
        case let .sqlite(connection, lock):
            try await lock.withLock {
                guard !connection.isClosed else { return }
                try await connection.close()
            }
        case let .postgres(_, runner):
            runner.cancel()
            await runner.value
        }
    }

    /// Runs `body` in one write transaction, holding the account's writer lock; rolls back when it throws.
    func transaction<T: Sendable>(_ body: (Transaction) async throws -> T) async throws -> T {
        switch backend {
        case let .sqlite(connection, lock):
            return try await lock.withLock {
                _ = try await connection.query("BEGIN IMMEDIATE", [])
                do {
                    let result = try await body(Transaction(run: { try await Self.run($0, on: connection) }))
                    _ = try await connection.query("COMMIT", [])
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", [])
                    throw error
                }
            }
        case let .postgres(client, _):
            return try await client.withConnection { connection in
                try await Self.run("BEGIN", on: connection)
                do {
                    try await Self.run("SELECT pg_advisory_xact_lock(\(Int(Self.writerLock)))", on: connection)
                    let result = try await body(Transaction(run: { try await Self.run($0, on: connection) }))
                    try await Self.run("COMMIT", on: connection)
                    return result
                } catch {
                    _ = try? await Self.run("ROLLBACK", on: connection)
                    throw error
                }
            }
        }
    }

    /// Runs one statement on its own and returns its rows.
    @discardableResult
    func query(_ sql: SimSQL) async throws -> [SimRow] {
        switch backend {
        case let .sqlite(connection, lock):
            return try await lock.withLock { try await Self.run(sql, on: connection) }
        case let .postgres(client, _):
            return try await client.withConnection { try await Self.run(sql, on: $0) }
        }
    }

    /// Statements inside a transaction: the connection and the lock are already held.
    struct Transaction {
        let run: (SimSQL) async throws -> [SimRow]

        @discardableResult
        func query(_ sql: SimSQL) async throws -> [SimRow] { try await run(sql) }
    }

    private static func run(_ sql: SimSQL, on connection: SQLiteConnection) async throws -> [SimRow] {
        let (text, binds) = sql.rendered { _ in "?" }
        let rows = try await connection.query(text, binds.map { value -> SQLiteValue in
            switch value {
            case .null: .null
            case let .integer(number): .integer(number)
            case let .real(number): .real(number)
            case let .text(string): .text(string)
            }
        })
        return rows.map { row in
            var columns: [String: SimValue] = [:]
            for (name, value) in zip(row.columnNames, row.values) where columns[name] == nil {
                switch value {
                case let .integer(number): columns[name] = .integer(number)
                case let .real(number): columns[name] = .real(number)
                case let .text(string): columns[name] = .text(string)
                case .null, .blob: columns[name] = .null
                }
            }
            return SimRow(columns: columns)
        }
    }

    @discardableResult
    private static func run(_ sql: SimSQL, on connection: PostgresConnection) async throws -> [SimRow] {
        let (text, binds) = sql.rendered { "$\($0)" }
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case let .integer(number): bindings.append(number)
            case let .real(number): bindings.append(number)
            case let .text(string): bindings.append(string)
            }
        }
        var rows: [SimRow] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: text, binds: bindings), logger: logger) {
            var columns: [String: SimValue] = [:]
            for cell in row where columns[cell.columnName] == nil {
                guard cell.bytes != nil else {
                    columns[cell.columnName] = .null
                    continue
                }
                switch cell.dataType {
                case .int8: columns[cell.columnName] = .integer(try cell.decode(Int64.self))
                case .int4: columns[cell.columnName] = .integer(Int64(try cell.decode(Int32.self)))
                case .float8: columns[cell.columnName] = .real(try cell.decode(Double.self))
                default: columns[cell.columnName] = .text(try cell.decode(String.self))
                }
            }
            rows.append(SimRow(columns: columns))
        }
        return rows
    }
}

/// The account's tables, per backend.
enum SimSchema {
    static let sqlite = [
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

    /// The same tables; `IF NOT EXISTS` because every replica opens the account, under the writer lock.
    static let postgres = [
        """
        CREATE TABLE IF NOT EXISTS resources (
            id TEXT PRIMARY KEY, infra_id TEXT NOT NULL, cluster_uid TEXT NOT NULL, kind TEXT NOT NULL,
            name TEXT NOT NULL, state TEXT NOT NULL, region TEXT NOT NULL, tags TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS resources_by_infra_id ON resources (infra_id)",
        "CREATE INDEX IF NOT EXISTS resources_by_cluster_uid ON resources (cluster_uid)",
        """
        CREATE TABLE IF NOT EXISTS installs (
            infra_id TEXT PRIMARY KEY, cluster_uid TEXT NOT NULL, name TEXT NOT NULL, base_domain TEXT NOT NULL,
            region TEXT NOT NULL, installed BIGINT NOT NULL, powered_on BIGINT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS operations (
            seq BIGSERIAL, id TEXT PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL, cluster_uid TEXT NOT NULL,
            infra_id TEXT NOT NULL, request TEXT NOT NULL, started_at DOUBLE PRECISION NOT NULL,
            completes_at DOUBLE PRECISION NOT NULL, error TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS running_operations ON operations (state, completes_at)",
        """
        CREATE TABLE IF NOT EXISTS log (
            seq BIGSERIAL PRIMARY KEY, at DOUBLE PRECISION NOT NULL, event TEXT NOT NULL, operation_id TEXT,
            type TEXT, cluster_uid TEXT NOT NULL, infra_id TEXT NOT NULL, detail TEXT NOT NULL)
        """,
        "CREATE TABLE IF NOT EXISTS faults (id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, region TEXT)",
    ]
}
