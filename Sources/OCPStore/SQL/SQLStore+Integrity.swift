extension SQLStore {
    /// Checks the database and the store's own invariants; returns the problems found (none when sound).
    ///
    /// SQLite: `PRAGMA integrity_check` and `foreign_key_check`. PostgreSQL: amcheck over the cluster
    /// tables' B-tree indexes and heap when the extension can be installed. Both: every cluster's
    /// resourceVersion is in the change log and not above the global revision.
    public func integrityCheck() async throws -> [String] {
        var problems: [String] = []
        switch dialect.kind {
        case .sqlite:
            let integrity = try await db.read("PRAGMA integrity_check", []).map { try $0.text(0) }
            if integrity != ["ok"] { problems += integrity }
            let orphans = try await db.read("PRAGMA foreign_key_check", [])
            if !orphans.isEmpty { problems.append("\(orphans.count) rows break a foreign key") }
        case .postgres:
            problems += try await postgresAmcheck()
        }
        let invariants = """
            SELECT (SELECT COUNT(*) FROM clusters c WHERE NOT EXISTS
                       (SELECT 1 FROM cluster_changes h WHERE h.revision = c.resource_version)
                       AND c.resource_version > (SELECT compacted FROM revision WHERE id = 1)),
                   (SELECT COUNT(*) FROM clusters WHERE resource_version > \(dialect.currentRevision))
            """
        let row = try await db.read(invariants, [])[0]
        if try row.int(0) > 0 { problems.append("\(try row.int(0)) clusters have no change-log entry for their resourceVersion") }
        if try row.int(1) > 0 { problems.append("\(try row.int(1)) clusters are ahead of the global revision") }
        return problems
    }

    private func postgresAmcheck() async throws -> [String] {
        do {
            _ = try await db.execute("CREATE EXTENSION IF NOT EXISTS amcheck", [])
        } catch {
            logger.notice("amcheck unavailable; checking the store's invariants only", metadata: ["error": "\(error)"])
            return []
        }
        var problems: [String] = []
        let indexes = try await db.read("""
            SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
            WHERE am.amname = 'btree' AND i.indrelid IN ('clusters'::regclass, 'cluster_changes'::regclass, 'operations'::regclass)
            """, []).map { try $0.text(0) }
        for index in indexes {
            do {
                var check = Statement(dialect)
                check.append("SELECT bt_index_check(\(check.bind(index))::regclass, true)")
                _ = try await db.read(check)
            } catch {
                problems.append("index \(index): \(error)")
            }
        }
        for table in ["clusters", "cluster_changes", "operations"] {
            var check = Statement(dialect)
            check.append("SELECT COUNT(*) FROM verify_heapam(\(check.bind(table))::regclass)")
            if let corrupt = try await db.read(check).first, try corrupt.int(0) > 0 {
                problems.append("table \(table): \(try corrupt.int(0)) corrupt tuples")
            }
        }
        return problems
    }
}
