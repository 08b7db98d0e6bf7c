import OCPModel

/// Applies the embedded migrations that a database lacks, recording each in `schema_migrations`.
enum Migrator {
    /// Runs in one transaction that first takes a database-wide lock, so two processes starting at once
    /// apply each migration exactly once: SQLite's BEGIN IMMEDIATE (the backend's transaction), or
    /// PostgreSQL's transaction-scoped advisory lock.
    static func migrate(_ db: any SQLDatabase, _ migrations: [Migration], now: Timestamp) async throws -> [String] {
        try await db.transaction { tx in
            if db.dialect.kind == .postgres {
                var lock = Statement(db.dialect)
                lock.append("SELECT pg_advisory_xact_lock(\(lock.bind(advisoryLockKey)))")
                _ = try await tx.execute(lock)
            }
            _ = try await tx.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", [])
            let applied = Set(try await tx.execute("SELECT name FROM schema_migrations", []).map { try $0.text(0) })
            var appliedNow: [String] = []
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    do {
                        _ = try await tx.execute(statement, [])
                    } catch {
                        // The driver's own description hides the server's message; a failed upgrade must say why.
                        throw StoreError.backend(operation: "apply migration \(migration.name)", message: String(reflecting: error))
                    }
                }
                var record = Statement(db.dialect)
                record.append("INSERT INTO schema_migrations (name, applied_at) VALUES (\(record.bind(migration.name)), ")
                record.append("\(record.bind(now.secondsSinceEpoch)))")
                _ = try await tx.execute(record)
                appliedNow.append(migration.name)
            }
            return appliedNow
        }
    }

    /// An arbitrary constant shared by every ocpctl process ("ocpctl" in ASCII).
    static let advisoryLockKey: Int64 = 0x6F63_7063_746C
}
