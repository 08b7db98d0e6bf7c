internal import CSQLite

/// Prepared statements by SQL text, least recently used evicted first. Preparing costs more than running
/// a small write (the parser, the triggers' and indexes' code), so a store that runs the same few
/// statements over and over keeps them.
struct StatementCache {
    private struct Entry {
        let statement: OpaquePointer
        var lastUse: UInt64
    }

    private let capacity: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// How many statements are prepared and kept.
    var count: Int { entries.count }

    /// The statement for `sql`, prepared on first use.
    mutating func statement(for sql: String, on handle: OpaquePointer) throws -> OpaquePointer {
        clock &+= 1
        if let entry = entries[sql] {
            entries[sql]?.lastUse = clock
            return entry.statement
        }
        var pointer: OpaquePointer?
        // The tail points into the C string, so it is read inside the closure that keeps the string alive.
        let (code, trailing) = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, &tail)
            return (code, tail.map { String(cString: $0) } ?? "")
        }
        guard code == SQLITE_OK else { throw SQLiteError(handle, code: code, context: sql) }
        guard let pointer else {
            throw SQLiteError(code: SQLITE_MISUSE, extendedCode: SQLITE_MISUSE, message: "no statement in the SQL text", context: sql)
        }
        guard trailing.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
            sqlite3_finalize(pointer)
            throw SQLiteError(code: SQLITE_MISUSE, extendedCode: SQLITE_MISUSE, message: "more than one statement in the SQL text",
                              context: sql)
        }
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            sqlite3_finalize(oldest.value.statement)
            entries[oldest.key] = nil
        }
        entries[sql] = Entry(statement: pointer, lastUse: clock)
        return pointer
    }

    mutating func finalizeAll() {
        for entry in entries.values { sqlite3_finalize(entry.statement) }
        entries.removeAll()
    }
}
