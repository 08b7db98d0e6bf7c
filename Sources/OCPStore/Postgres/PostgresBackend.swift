import Logging
import PostgresNIO

/// PostgreSQL behind the store: a pooled `PostgresClient`, and a LISTEN connection that turns other
/// processes' commits into wake-ups for this process's watchers.
final class PostgresBackend: SQLDatabase {
    static let changeChannel = "ocpctl_cluster_changes"

    let dialect = SQLDialect.postgres
    let changes = ChangeSignal()
    let client: PostgresClient
    let logger: Logger

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    func execute(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        // On a leased connection, not through `client.query`: the pool's query gives its connection back only when
        // the row stream reports its end, and a statement refused after its row description (an INSERT ... RETURNING
        // hitting a unique index) can fail the stream before the stream has a consumer, which never reports it. Each
        // such refusal kept one connection; a burst of duplicate creates used up the pool and every request hung.
        try await client.withConnection { connection in
            try await Self.collect { try await connection.query(Self.query(sql, binds), logger: logger) }
        }
    }

    func read(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await execute(sql, binds)
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(Connection(connection: connection, logger: logger))
            }
        } catch let error as PostgresTransactionError {
            // Surface the store's own typed errors (conflict, staleFence...) rather than the wrapper.
            if let closureError = error.closureError { throw closureError }
            throw error
        }
    }

    /// Runs the pool, and the LISTEN loop if `listening`, until the task is cancelled.
    func run(listening: Bool) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.client.run() }
            // The listener holds one pooled connection for good; callers that do not watch skip it.
            if listening { group.addTask { await self.listen() } }
            await group.next()
            group.cancelAll()
        }
    }

    private func listen() async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.changeChannel) { notifications in
                        // Anything committed while we were not listening is in the change log: wake everyone to re-read.
                        changes.signal()
                        for try await _ in notifications { changes.signal() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("LISTEN connection lost; reconnecting", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    private struct Connection: SQLExecutor {
        let connection: PostgresConnection
        let logger: Logger
        func execute(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            try await PostgresBackend.collect { try await connection.query(PostgresBackend.query(sql, binds), logger: logger) }
        }
    }

    static func query(_ sql: String, _ binds: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case .null: bindings.appendNull()
            case let .integer(value): bindings.append(value)
            case let .real(value): bindings.append(value)
            case let .text(value): bindings.append(value)
            case let .blob(value): bindings.append(ByteBuffer(bytes: value))
            case let .bool(value): bindings.append(value)
            }
        }
        // `Statement` spelled the placeholders `$n` for PostgreSQL: the text is sent exactly as built.
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func collect(_ run: () async throws -> PostgresRowSequence) async throws -> [SQLRow] {
        do {
            var rows: [SQLRow] = []
            for try await row in try await run() {
                rows.append(SQLRow(cells: try row.map(sqlValue)))
            }
            return rows
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw SQLFailure.uniqueViolation(detail: error.serverInfo?[.constraintName] ?? "")
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23503" {
            throw SQLFailure.foreignKeyViolation(detail: error.serverInfo?[.constraintName] ?? "")
        }
    }

    private static func sqlValue(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8: return .integer(try cell.decode(Int64.self))
        case .int4: return .integer(Int64(try cell.decode(Int32.self)))
        case .int2: return .integer(Int64(try cell.decode(Int16.self)))
        case .float8, .float4: return .real(try cell.decode(Double.self))
        case .bool: return .bool(try cell.decode(Bool.self))
        case .bytea: return .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
        default: return .text(try cell.decode(String.self))
        }
    }
}
