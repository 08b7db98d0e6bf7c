import Testing

// One test per backend, each running every conformance case: the log shows a line per backend
// with its case count ("Test SQLite passed after ... with N test cases").

@Suite("Store conformance: SQLite")
struct SQLiteConformance {
    @Test("SQLite", arguments: Conformance.all)
    func sqlite(_ testCase: ConformanceCase) async throws {
        try await Conformance.run(testCase, on: .sqlite)
    }
}

@Suite("Store conformance: PostgreSQL", .enabled(if: TestDatabases.postgresEnabled, TestDatabases.postgresDisabledReason))
struct PostgresConformance {
    @Test("PostgreSQL", arguments: Conformance.all)
    func postgres(_ testCase: ConformanceCase) async throws {
        try await Conformance.run(testCase, on: .postgres)
    }
}
