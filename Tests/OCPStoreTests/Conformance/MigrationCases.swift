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
        ConformanceCase("a failing migration names itself and the database's reason, and records nothing") { h in
            let broken = Migration(name: "9999_broken", sql: "CREATE TABLE t (a integer);\nCREATE TABLE t (a integer)")
            await expectStoreError({ try await Migrator.migrate(h.store.db, [broken], now: h.now) }) { error in
                guard case let .backend(operation, message) = error else { return false }
                return operation == "apply migration 9999_broken" && message.contains("already exists")
            }
            let recorded = try await h.store.db.read("SELECT COUNT(*) FROM schema_migrations WHERE name = '9999_broken'", [])
            #expect(try recorded[0].int(0) == 0)
            // The first statement was rolled back with the second.
            await #expect(throws: (any Error).self) { try await h.store.db.read("SELECT a FROM t", []) }
        },
        ConformanceCase("a database written before the newest migration keeps its revision, history and watches") { h in
            let location = try await TestDatabases.freshLocation(h.backend)
            defer { TestDatabases.discard(location) }
            let key = ClusterKey(namespace: "team-a", name: "c0")
            let before: Int64 = try await TestDatabases.withUnmigratedBackend(location) { db in
                _ = try await Migrator.migrate(db, Array(h.migrations.dropLast()), now: h.now)
                let old = SQLStore(db: db, logger: TestDatabases.logger)
                for index in 0..<3 { _ = try await old.createCluster(cluster("c\(index)"), now: h.now) }
                _ = try await old.updateClusterStatus(key, status: ClusterStatus(), resourceVersion: nil, fence: nil)
                return try await old.currentRevision()
            }
            #expect(before == 4)
            try await SQLStore.withStore(at: location, now: h.now, logger: TestDatabases.logger) { store in
                #expect(try await store.currentRevision() == before)
                let next = try await store.createCluster(cluster("c3"), now: h.now)
                #expect(next.metadata.resourceVersion == String(before + 1))
                var changes: [ClusterChange.ChangeType] = []
                for try await change in store.watchClusters(after: 0) {
                    changes.append(change.type)
                    if changes.count == 5 { break }
                }
                #expect(changes == [.added, .added, .added, .modified, .added])
                #expect(try await store.integrityCheck() == [])
            }
        },
    ]
}

extension Harness {
    /// The embedded migrations of this backend.
    var migrations: [Migration] { backend == .sqlite ? Migration.sqlite : Migration.postgres }
}
