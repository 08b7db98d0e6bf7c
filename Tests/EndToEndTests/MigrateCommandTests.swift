import Testing

@Suite("ocpctl migrate")
struct MigrateCommandTests {
    @Test("applies the migrations to a fresh PostgreSQL database once, then finds nothing to do",
          .enabled(if: PostgresServer.enabled, PostgresServer.disabledReason))
    func migrate() async throws {
        let url = try await PostgresServer.freshDatabase()
        let first = try Binary.run(["migrate", "--postgres", url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("applied 0001_initial, 0002_sync_sources"))
        let second = try Binary.run(["migrate", "--postgres", url])
        #expect(second.status == 0)
        #expect(second.stdout.contains("schema is up to date"))
        let bad = try Binary.run(["migrate", "--postgres", "mysql://nope"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("postgres://"))
    }
}
