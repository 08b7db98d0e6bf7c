import Foundation
@testable import OCPStore
import Testing

/// The PostgreSQL connection pool under statements that fail after their row description, as an
/// `INSERT ... RETURNING` refused by a unique index does (a burst of duplicate creates).
@Suite("PostgreSQL pool", .enabled(if: TestDatabases.postgresEnabled, TestDatabases.postgresDisabledReason))
struct PostgresPoolTests {
    @Test("2,000 INSERT ... RETURNING refused by a unique index, 50 at a time on one connection: each returns it, and the store still answers")
    func failedStatementsReturnTheirConnection() async throws {
        guard case let .postgres(url) = try await TestDatabases.freshLocation(.postgres) else { return }
        // Two connections, one of them the LISTEN loop's: every statement shares the other, so one never returned hangs the rest.
        try await withTimeout(seconds: 120, "duplicate inserts on a pool of one") {
            try await SQLStore.withPostgresBackend(url: url, maximumConnections: 2, listening: true, logger: TestDatabases.logger) { db in
                _ = try await db.execute("CREATE TABLE pool_case (id integer PRIMARY KEY)", [])
                _ = try await db.execute("INSERT INTO pool_case VALUES (1)", [])
                let refused = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<50 {
                        group.addTask {
                            var refused = 0
                            for _ in 0..<40 {
                                do {
                                    _ = try await db.execute("INSERT INTO pool_case VALUES ($1) RETURNING id", [.integer(1)])
                                } catch SQLFailure.uniqueViolation {
                                    refused += 1
                                }
                            }
                            return refused
                        }
                    }
                    return try await group.reduce(0, +)
                }
                #expect(refused == 2_000)
                let rows = try await db.execute("SELECT count(*) FROM pool_case", [])
                #expect(try rows.first?.int(0) == 1)
            }
        }
    }
}
