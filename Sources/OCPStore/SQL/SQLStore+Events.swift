import Foundation
public import OCPModel

/// The outbox, the reconcile schedule and controller reports (architecture.md §9).
extension SQLStore {
    public func pendingEvents(limit: Int) async throws -> [OutboxEvent] {
        var statement = Statement(dialect, "SELECT id, type, cluster_uid, namespace, name, generation, \(dialect.jsonColumn("spec")), created_at_ms")
        statement.append(" FROM cluster_events WHERE sent_at_ms IS NULL ORDER BY id LIMIT \(statement.bind(Int64(limit)))")
        let rows = try await failing("read pending events") { try await db.read(statement) }
        return try rows.map { row in
            let typeName = try row.text(1)
            guard let type = ClusterEvent.EventType(rawValue: typeName) else {
                throw StoreError.backend(operation: "read pending events", message: "event \(try row.int(0)) has unknown type \(typeName)")
            }
            return OutboxEvent(id: try row.int(0), type: type, clusterUID: try row.text(2), namespace: try row.text(3), name: try row.text(4),
                               generation: try row.int(5), spec: try JSONColumn.decode(ClusterSpec.self, try row.text(6)),
                               createdAtMillis: try row.int(7))
        }
    }

    public func markEventsSent(_ ids: [Int64], atMillis: Int64, purgeBeforeMillis: Int64, fence: LeaseFence?) async throws {
        guard !ids.isEmpty else { return }
        var mark = Statement(dialect)
        let at = mark.bind(atMillis)
        let placeholders = ids.map { mark.bind($0) }
        mark.append("UPDATE cluster_events SET sent_at_ms = \(at) WHERE id IN (\(placeholders.joined(separator: ", ")))")
        var purge = Statement(dialect)
        purge.append("DELETE FROM cluster_events WHERE sent_at_ms IS NOT NULL AND sent_at_ms < \(purge.bind(purgeBeforeMillis))")
        try await transaction(fencedBy: fence, "mark \(ids.count) events sent") { [mark, purge] db in
            _ = try await db.execute(mark)
            _ = try await db.execute(purge)
        }
    }

    public func eventBacklog() async throws -> EventBacklog {
        let rows = try await failing("read the event backlog") {
            try await db.read("SELECT COUNT(*), MIN(created_at_ms) FROM cluster_events WHERE sent_at_ms IS NULL", [])
        }
        return EventBacklog(count: try rows.first?.int(0) ?? 0, oldestCreatedAtMillis: try rows.first?.optionalInt(1))
    }

    public func enqueueReconcileEvents(now: Timestamp, schedule: ReconcileSchedule, limit: Int, fence: LeaseFence?) async throws -> Int {
        let columns = ClusterRow.columns(dialect, prefix: "c.")
        let dialect = self.dialect
        return try await transaction(fencedBy: fence, "enqueue reconcile events") { db in
            // New clusters join the schedule one attention interval out: their created event is their first.
            var join = Statement(dialect)
            let first = join.bind(now.secondsSinceEpoch + schedule.attentionSeconds)
            join.append("""
                INSERT INTO reconciliation_schedule (cluster_uid, next_reconcile_at)
                SELECT uid, \(first) FROM clusters WHERE removed_at IS NULL
                AND uid NOT IN (SELECT cluster_uid FROM reconciliation_schedule)
                """)
            _ = try await db.execute(join)
            _ = try await db.execute("""
                DELETE FROM reconciliation_schedule WHERE cluster_uid IN (SELECT uid FROM clusters WHERE removed_at IS NOT NULL)
                """, [])
            // PostgreSQL: lock the due clusters, so a spec write in flight commits its event (and takes its id) first.
            var due = Statement(dialect, "SELECT \(columns) FROM clusters c JOIN reconciliation_schedule s ON s.cluster_uid = c.uid")
            due.append(" WHERE s.enabled AND c.removed_at IS NULL AND s.next_reconcile_at <= \(due.bind(now.secondsSinceEpoch))")
            due.append(" ORDER BY s.next_reconcile_at, c.uid LIMIT \(due.bind(Int64(limit)))")
            if dialect.kind == .postgres { due.append(" FOR UPDATE OF c") }
            let clusters = try await db.execute(due).map { try ClusterRow.decode($0) }
            for cluster in clusters {
                guard let uid = cluster.metadata.uid else { continue }
                var insert = Statement(dialect)
                let values = [insert.bind(uid), insert.bind(cluster.metadata.namespace), insert.bind(cluster.metadata.name),
                              insert.bind(cluster.metadata.generation ?? 1), try insert.bindJSON(cluster.spec, dialect),
                              insert.bind(now.secondsSinceEpoch * 1000)]
                insert.append("""
                    INSERT INTO cluster_events (type, cluster_uid, namespace, name, generation, spec, created_at_ms)
                    VALUES ('cluster.reconcile', \(values.joined(separator: ", ")))
                    """)
                _ = try await db.execute(insert)
                var next = Statement(dialect)
                let at = next.bind(now.secondsSinceEpoch + schedule.interval(for: cluster, now: now))
                next.append("UPDATE reconciliation_schedule SET next_reconcile_at = \(at) WHERE cluster_uid = \(next.bind(uid))")
                _ = try await db.execute(next)
            }
            return clusters.count
        }
    }

    public func putControllerReport(_ key: ClusterKey, report: ControllerReport, now: Timestamp) async throws -> Cluster {
        let columns = clusterColumns
        let dialect = self.dialect
        let cluster = try await failing("store the report of controller \(report.controllerName) for \(key)") {
            try await db.transaction { db -> Cluster? in
                var touch = Statement(dialect, "UPDATE clusters SET resource_version = \(dialect.nextRevision)")
                touch.append(" WHERE namespace = \(touch.bind(key.namespace)) AND name = \(touch.bind(key.name)) AND removed_at IS NULL")
                touch.append(" RETURNING \(columns)")
                guard let row = try await db.execute(touch).first else { return nil }
                let cluster = try ClusterRow.decode(row)
                var upsert = Statement(dialect)
                let values = [upsert.bind(cluster.metadata.uid), upsert.bind(report.controllerName), upsert.bind(report.observedGeneration),
                              try upsert.bindJSON(report.conditions, dialect), try upsert.bindJSON(report.metadata, dialect),
                              upsert.bind(try report.lastError.map(JSONColumn.encode)), upsert.bind(now.secondsSinceEpoch)]
                upsert.append("""
                    INSERT INTO controller_status (cluster_uid, controller_name, observed_generation, conditions, metadata, last_error, updated_at)
                    VALUES (\(values.joined(separator: ", ")))
                    ON CONFLICT (cluster_uid, controller_name) DO UPDATE SET observed_generation = excluded.observed_generation,
                        conditions = excluded.conditions, metadata = excluded.metadata, last_error = excluded.last_error,
                        updated_at = excluded.updated_at
                    """)
                _ = try await db.execute(upsert)
                return cluster
            }
        }
        guard let cluster else { throw notFound(key) }
        return cluster
    }

    public func controllerReports(clusterUID: String) async throws -> [ControllerReport] {
        var statement = Statement(dialect, "SELECT controller_name, observed_generation, \(dialect.jsonColumn("conditions")),")
        statement.append(" \(dialect.jsonColumn("metadata")), last_error, updated_at FROM controller_status")
        statement.append(" WHERE cluster_uid = \(statement.bind(clusterUID)) ORDER BY controller_name")
        let rows = try await failing("read controller reports of \(clusterUID)") { try await db.read(statement) }
        return try rows.map { row in
            ControllerReport(controllerName: try row.text(0), observedGeneration: try row.int(1),
                             conditions: try JSONColumn.decode([ReportedCondition].self, try row.text(2)),
                             metadata: try JSONColumn.decode([String: String].self, try row.text(3)),
                             lastError: try row.optionalText(4).map { try JSONColumn.decode(ControllerError.self, $0) },
                             lastUpdateTime: Timestamp(secondsSinceEpoch: try row.int(5)))
        }
    }

    public func clusterKey(uid: String) async throws -> ClusterKey? {
        var statement = Statement(dialect)
        statement.append("SELECT namespace, name FROM clusters WHERE uid = \(statement.bind(uid)) AND removed_at IS NULL")
        let rows = try await failing("find cluster \(uid)") { try await db.read(statement) }
        return try rows.first.map { ClusterKey(namespace: try $0.text(0), name: try $0.text(1)) }
    }
}
