/// A call into SQLite failed: its result codes, its message, and the statement it was running.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The primary result code, e.g. SQLITE_CONSTRAINT (19).
    public let code: Int32
    /// The extended result code, e.g. SQLITE_CONSTRAINT_UNIQUE (2067).
    public let extendedCode: Int32
    /// SQLite's own message.
    public let message: String
    /// The SQL text, or the file for an open.
    public let context: String

    /// A unique or primary-key constraint refused the row.
    public var isUniqueViolation: Bool { extendedCode == 2067 || extendedCode == 1555 }
    /// Another connection held the lock for longer than the busy timeout.
    public var isBusy: Bool { code == 5 }
    /// A foreign-key constraint refused the row.
    public var isForeignKeyViolation: Bool { extendedCode == 787 }

    public var description: String { "SQLite error \(extendedCode): \(message) (in \(context))" }
}
