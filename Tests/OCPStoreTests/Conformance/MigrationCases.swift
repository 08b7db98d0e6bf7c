import OCPModel
@testable import OCPStore
import Testing

extension Conformance {
    static let migrations: [ConformanceCase] = [
        ConformanceCase("migrations are recorded and reopening applies nothing twice") { h in
            _ = try await h.store.createCluster(cluster("c1"), now: h.now)
            let names = try await h.store.db.read("SELECT name FROM schema_migrations ORDER BY name", []).map { try $0.text(0) }
            #expect(names == h.migrations.map(\.name))
            let again = try await SQLStore.withStore(at: h.location, now: h.now, logger: TestDatabases.logger) { reopened in
                try await reopened.getCluster(ClusterKey(namespace: "team-a", name: "c1")).metadata.name
            }
            #expect(again == "c1")
            #expect(try await Migrator.migrate(h.store.db, h.migrations, now: h.now).isEmpty)
        },
        ConformanceCase("two processes starting at once migrate once") { h in
            let location = try await TestDatabases.freshLocation(h.backend)
            defer { TestDatabases.discard(location) }
            let logger = TestDatabases.logger
            async let first = SQLStore.withStore(at: location, now: h.now, logger: logger) { try await $0.currentRevision() }
            async let second = SQLStore.withStore(at: location, now: h.now, logger: logger) { try await $0.currentRevision() }
            #expect(try await first == 0)
            #expect(try await second == 0)
            let count = try await SQLStore.withStore(at: location, now: h.now, logger: logger) { store in
                try await store.db.read("SELECT COUNT(*) FROM schema_migrations", [])[0].int(0)
            }
            #expect(count == Int64(h.migrations.count))
        },
    ]
}

extension Harness {
    /// The embedded migrations of this backend.
    var migrations: [Migration] { backend == .sqlite ? Migration.sqlite : Migration.postgres }
}
