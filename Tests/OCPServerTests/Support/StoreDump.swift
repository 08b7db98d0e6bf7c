import OCPSQLite
import OCPStore

/// Every row of every table of a SQLite store, as text, read through a second connection: two dumps are equal
/// only when the store is byte for byte the same. The audit trail is dumped apart, since refusals are audited.
struct StoreDump: Equatable {
    var tables: [String: [String]]
    var auditEvents: Int

    static func read(directory: String) async throws -> StoreDump {
        let connection = try await SQLiteConnection.open(path: directory + "/" + SQLStore.sqliteFileName)
        do {
            let dump = try await read(connection)
            try await connection.close()
            return dump
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func read(_ connection: SQLiteConnection) async throws -> StoreDump {
        var tables: [String: [String]] = [:]
        var auditEvents = 0
        let names = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0[0].text }
        for name in names {
            let rows = try await connection.query("SELECT * FROM \"\(name)\"").map { row in row.values.map { "\($0)" }.joined(separator: "|") }
            // The audit trail grows with every refusal, by design; `sqlite_sequence` only counts its ids.
            if name == "audit_events" { auditEvents = rows.count } else if name != "sqlite_sequence" { tables[name] = rows.sorted() }
        }
        return StoreDump(tables: tables, auditEvents: auditEvents)
    }

    /// The tables whose rows differ from `other`'s, with the rows that differ, for a readable failure.
    func changes(since other: StoreDump) -> String {
        Set(tables.keys).union(other.tables.keys).sorted().compactMap { name in
            let now = Set(tables[name] ?? []), was = Set(other.tables[name] ?? [])
            guard now != was else { return nil }
            return "\(name): added \(now.subtracting(was).sorted()), removed \(was.subtracting(now).sorted())"
        }.joined(separator: "; ")
    }
}
