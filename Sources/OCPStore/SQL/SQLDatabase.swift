/// Runs statements with bound parameters, written in the backend's own placeholder spelling (`Statement` does it).
protocol SQLExecutor: Sendable {
    func execute(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
}

/// A database behind the store: single statements, transactions, and a wake-up signal for watchers.
protocol SQLDatabase: SQLExecutor {
    var dialect: SQLDialect { get }

    /// Runs a statement that only reads; may run beside writes.
    func read(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]

    /// Runs `body` in one transaction that commits if it returns and rolls back if it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T

    /// Signalled after cluster changes commit (by this process, or any process for PostgreSQL).
    var changes: ChangeSignal { get }
}

/// The database failed in a way the store maps to a typed error.
enum SQLFailure: Error {
    /// A unique index refused the row; `detail` names the index or its columns.
    case uniqueViolation(detail: String)
    /// A row referred to a missing parent (a cluster uid).
    case foreignKeyViolation(detail: String)
}
