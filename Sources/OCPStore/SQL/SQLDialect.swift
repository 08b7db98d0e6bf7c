/// The few places where SQLite and PostgreSQL SQL differ.
struct SQLDialect: Sendable {
    enum Kind: Sendable { case sqlite, postgres }

    let kind: Kind
    /// Reads placeholder `?n` as a JSON document.
    let jsonParameter: @Sendable (String) -> String
    /// Reads JSON column `column` as text.
    let jsonColumn: @Sendable (String) -> String
    /// An expression giving the global revision: the newest cluster write committed.
    let currentRevision: String
    /// An expression giving the next global revision inside a write.
    let nextRevision: String
    /// Appended to a sub-select of the lease row, so a concurrent takeover waits for our commit.
    let lockLeaseRow: String
    /// The column giving operations in insertion order.
    let operationOrder: String

    static let sqlite = SQLDialect(
        kind: .sqlite,
        jsonParameter: { $0 },
        jsonColumn: { $0 },
        // The newest change-log entry, or the revision row once compaction has emptied the log (migration 0003).
        // SQLite has one writer at a time, so reading it inside the write is safe; the triggers log the new value.
        currentRevision: sqliteCurrentRevision,
        nextRevision: "(\(sqliteCurrentRevision) + 1)",
        lockLeaseRow: "",
        operationOrder: "rowid"
    )

    private static let sqliteCurrentRevision =
        "(SELECT MAX(value, COALESCE((SELECT MAX(revision) FROM cluster_changes), 0)) FROM revision WHERE id = 1)"

    static let postgres = SQLDialect(
        kind: .postgres,
        jsonParameter: { "\($0)::jsonb" },
        jsonColumn: { "\($0)::text" },
        currentRevision: "(SELECT value FROM revision WHERE id = 1)",
        nextRevision: "ocpctl_next_revision()",
        lockLeaseRow: "FOR SHARE",
        operationOrder: "seq"
    )
}
