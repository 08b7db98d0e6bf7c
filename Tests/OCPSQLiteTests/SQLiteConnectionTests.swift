import Foundation
import OCPSQLite
import Testing

@Suite("SQLite driver")
struct SQLiteConnectionTests {
    /// A connection to a new file in a temporary directory, closed and removed afterwards.
    func withConnection(cacheCapacity: Int = 64, _ body: (SQLiteConnection) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-sqlite-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let connection = try await SQLiteConnection.open(path: directory.appendingPathComponent("test.db").path,
                                                         statementCacheCapacity: cacheCapacity)
        do {
            try await body(connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    @Test("every storage class round-trips through a bound parameter")
    func roundTrip() async throws {
        try await withConnection { db in
            try await db.query("CREATE TABLE t (v)")
            let values: [SQLiteValue] = [.null, .integer(.max), .integer(-42), .real(2.5), .text("żółw 🐢 \u{0}tail"), .blob([0, 255, 7])]
            for value in values { try await db.query("INSERT INTO t (v) VALUES (?1)", [value]) }
            let rows = try await db.query("SELECT v FROM t ORDER BY rowid")
            #expect(rows.map { $0[0] } == values)
            #expect(rows.first?.column("v") == SQLiteValue.null)
        }
    }

    @Test("a cached statement starts from no bindings, not the previous call's")
    func bindingsAreCleared() async throws {
        try await withConnection { db in
            try await db.query("CREATE TABLE t (a, b)")
            let insert = "INSERT INTO t (a, b) VALUES (?1, ?2)"
            try await db.query(insert, [.integer(1), .text("first")])
            try await db.query(insert, [.integer(2)])
            let rows = try await db.query("SELECT a, b FROM t ORDER BY a")
            #expect(rows.map(\.values) == [[.integer(1), .text("first")], [.integer(2), .null]])
            #expect(db.cachedStatementCount == 3)
        }
    }

    @Test("the statement cache stays within its capacity and evicted statements still run")
    func cacheEviction() async throws {
        try await withConnection(cacheCapacity: 2) { db in
            for round in 0..<3 {
                for value in 0..<5 {
                    let rows = try await db.query("SELECT \(value) + ?1 AS sum", [.integer(Int64(round))])
                    #expect(rows.first?.column("sum") == .integer(Int64(value + round)))
                    #expect(db.cachedStatementCount <= 2)
                }
            }
        }
    }

    @Test("a schema change after caching is seen: SELECT * gains the new column")
    func schemaChangeReprepares() async throws {
        try await withConnection { db in
            try await db.query("CREATE TABLE t (a)")
            try await db.query("INSERT INTO t (a) VALUES (1)")
            #expect(try await db.query("SELECT * FROM t").first?.columnNames == ["a"])
            try await db.query("ALTER TABLE t ADD COLUMN b DEFAULT 'x'")
            let row = try await db.query("SELECT * FROM t").first
            #expect(row?.columnNames == ["a", "b"])
            #expect(row?.column("b") == .text("x"))
        }
    }

    @Test("a constraint failure is typed, names the index columns and the SQL, and leaves the connection usable")
    func uniqueViolation() async throws {
        try await withConnection { db in
            try await db.query("CREATE TABLE t (name TEXT, domain TEXT)")
            try await db.query("CREATE UNIQUE INDEX t_name_domain ON t (name, domain)")
            let insert = "INSERT INTO t (name, domain) VALUES (?1, ?2)"
            try await db.query(insert, [.text("a"), .text("example.com")])
            let error = await #expect(throws: SQLiteError.self) {
                try await db.query(insert, [.text("a"), .text("example.com")])
            }
            #expect(error?.isUniqueViolation == true)
            #expect(error?.message.contains("t.name, t.domain") == true)
            #expect(error?.context == insert)
            try await db.query(insert, [.text("b"), .text("example.com")])
            #expect(try await db.query("SELECT count(*) FROM t").first?[0] == .integer(2))
        }
    }

    @Test("bad SQL fails with SQLite's message; a text of two statements is refused and runs neither")
    func badSQL() async throws {
        try await withConnection { db in
            let syntax = await #expect(throws: SQLiteError.self) { try await db.query("SELEC 1") }
            #expect(syntax?.message.contains("syntax error") == true)
            try await db.query("CREATE TABLE t (a)")
            let two = await #expect(throws: SQLiteError.self) {
                try await db.query("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)")
            }
            #expect(two?.message.contains("more than one statement") == true)
            #expect(try await db.query("SELECT count(*) FROM t").first?[0] == .integer(0))
        }
    }

    @Test("concurrent callers on one connection each get their own results")
    func concurrentCallers() async throws {
        try await withConnection(cacheCapacity: 4) { db in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for caller in 0..<8 {
                    group.addTask {
                        for step in 0..<50 {
                            let rows = try await db.query("SELECT ?1 * 1000 + ?2", [.integer(Int64(caller)), .integer(Int64(step))])
                            #expect(rows.first?[0] == .integer(Int64(caller * 1000 + step)))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test("a closed connection refuses work with a clear error")
    func closedConnection() async throws {
        try await withConnection { db in
            try await db.close()
            #expect(db.isClosed)
            let error = await #expect(throws: SQLiteError.self) { try await db.query("SELECT 1") }
            #expect(error?.message == "connection is closed")
        }
    }
}
