import Foundation
public import OCPModel

extension SQLStore {
    public func createCluster(_ cluster: Cluster, now: Timestamp, fence: LeaseFence?) async throws -> Cluster {
        let (prepared, insert) = try insertion(cluster, now: now)
        var created = prepared
        let rows = try await uniqueChecked(cluster) {
            try await fenced(fence, "create cluster \(prepared.metadata.namespace ?? "")/\(cluster.metadata.name)") { try await $0.execute(insert) }
        }
        created.metadata.resourceVersion = String(try rows[0].int(0))
        return created
    }

    public func createCluster(_ cluster: Cluster, now: Timestamp, fence: LeaseFence?,
                              admit: @escaping @Sendable ([Cluster]) throws -> Void) async throws -> Cluster {
        let (prepared, insert) = try insertion(cluster, now: now)
        var created = prepared
        let namespace = created.metadata.namespace ?? ""
        let dialect = dialect
        let outcome = try await uniqueChecked(cluster) {
            try await transaction(fencedBy: fence, "create cluster \(namespace)/\(cluster.metadata.name)") { tx -> Result<[SQLRow], Refusal> in
                // SQLite's transaction already holds the database's write lock; PostgreSQL takes one per namespace,
                // so two replicas admitting creates into one team see each other's rows.
                if dialect.kind == .postgres {
                    var lock = Statement(dialect)
                    lock.append("SELECT pg_advisory_xact_lock(hashtextextended(\(lock.bind("ocpctl.io/namespace/" + namespace)), 0))")
                    _ = try await tx.execute(lock)
                }
                var select = Statement(dialect, "SELECT \(self.clusterColumns) FROM clusters WHERE removed_at IS NULL")
                select.append(" AND namespace = \(select.bind(namespace))")
                let existing = try await tx.execute(select).map { try ClusterRow.decode($0) }
                do {
                    try admit(existing)
                } catch {
                    // Returned, not thrown: the transaction wrapper reports unknown errors as store failures.
                    return .failure(Refusal(error: error))
                }
                return .success(try await tx.execute(insert))
            }
        }
        let rows: [SQLRow]
        switch outcome {
        case let .success(inserted): rows = inserted
        case let .failure(refusal): throw refusal.error
        }
        created.metadata.resourceVersion = String(try rows[0].int(0))
        return created
    }

    /// Why `admit` refused a create, carried out of the transaction unchanged.
    struct Refusal: Error, @unchecked Sendable {
        let error: any Error
    }

    /// The object as created and the statement that inserts it (returning its resourceVersion).
    private func insertion(_ cluster: Cluster, now: Timestamp) throws -> (Cluster, Statement) {
        guard let namespace = cluster.metadata.namespace, !namespace.isEmpty else {
            throw StoreError.invalid(kind: Cluster.kind, name: cluster.metadata.name, reason: "metadata.namespace is required")
        }
        var created = cluster
        // The wall clock only orders uids (see ClusterUID); creationTimestamp still comes from `now`.
        created.metadata.uid = ClusterUID.make(millisecondsSinceEpoch: UInt64(Date().timeIntervalSince1970 * 1000))
        created.metadata.generation = 1
        created.metadata.creationTimestamp = now
        created.metadata.deletionTimestamp = nil
        created.metadata.finalizers = [Cluster.finalizer]
        created.metadata.annotations?[ClusterRow.managedFieldsKey] = nil
        if created.metadata.annotations?.isEmpty == true { created.metadata.annotations = nil }
        // As in Kubernetes, status is not writable on create; the reconciler owns it.
        created.status = nil
        var statement = Statement(dialect)
        let values = [
            statement.bind(created.metadata.uid), statement.bind(namespace), statement.bind(cluster.metadata.name),
            statement.bind(cluster.spec.baseDomain), statement.bindJSON(text: JSONColumn.encodeMap(cluster.metadata.labels), dialect),
            statement.bindJSON(text: try ClusterRow.storedAnnotations(cluster.metadata), dialect), try statement.bindJSON(cluster.spec, dialect),
            statement.bindJSON(text: JSONColumn.finalizerOnly, dialect), statement.bind(now.secondsSinceEpoch),
        ]
        statement.append("""
            INSERT INTO clusters (uid, namespace, name, base_domain, labels, annotations, spec, finalizers, created_at,
                                  generation, resource_version)
            VALUES (\(values.joined(separator: ", ")), 1, \(dialect.nextRevision))
            RETURNING resource_version
            """)
        return (created, statement)
    }

    public func getCluster(_ key: ClusterKey) async throws -> Cluster {
        guard let current = try await readCluster(key) else { throw notFound(key) }
        return current.cluster
    }

    public func getCluster(uid: String) async throws -> Cluster? {
        var statement = Statement(dialect, "SELECT \(clusterColumns) FROM clusters WHERE removed_at IS NULL")
        statement.append(" AND uid = \(statement.bind(uid))")
        let rows = try await failing("read cluster \(uid)") { try await db.read(statement) }
        return try rows.first.map { try ClusterRow.decode($0) }
    }

    public func listClusters(_ query: ClusterListQuery) async throws -> ClusterList {
        if let limit = query.limit, limit <= 0 {
            throw StoreError.invalid(kind: "ListOptions", name: "limit", reason: "limit must be positive")
        }
        var cursor = try query.continueToken.map(ContinueToken.decode)
        let wanted = query.limit.map { $0 + 1 }
        // Without a selector every scanned row is an item; with one, scan in larger chunks and filter here.
        let chunk = query.selector.isEverything ? wanted : max(wanted ?? 0, 500)
        var items: [Cluster] = []
        var revision: Int64?
        var misses = 0
        scanning: while true {
            // `(SELECT 1) one` and not the revision table: PostgreSQL guesses an unanalysed table's size from its
            // pages, and a guess of 1,700 revision rows priced pages high enough to JIT-compile each list query.
            // Only keys and versions are scanned: most rows are already decoded, and copying their JSON out of
            // the database was most of a list's cost. A chunk that changed under every scan is read whole: one
            // statement is one snapshot, so the list always ends.
            let keysOnly = misses < listKeyScanAttempts
            let columns = keysOnly ? "uid, namespace, name, resource_version" : clusterColumns
            var statement = Statement(dialect, "SELECT \(dialect.currentRevision), c.* FROM (SELECT 1) one LEFT JOIN (SELECT \(columns)")
            statement.append(" FROM clusters WHERE removed_at IS NULL")
            if let namespace = query.namespace { statement.append(" AND namespace = \(statement.bind(namespace))") }
            if let cursor {
                if query.namespace != nil {
                    statement.append(" AND name > \(statement.bind(cursor.name))")
                } else {
                    statement.append(" AND (namespace, name) > (\(statement.bind(cursor.namespace)), \(statement.bind(cursor.name)))")
                }
            }
            statement.append(" ORDER BY namespace, name")
            if let chunk { statement.append(" LIMIT \(statement.bind(Int64(chunk)))") }
            statement.append(") c ON 1 = 1 ORDER BY c.namespace, c.name")
            // The LEFT JOIN answers one row even with no clusters, for the revision.
            let answer = try await failing("list clusters") { try await db.read(statement) }
            let rows = answer.filter { !$0.isNull(1) }
            let clusters: [Cluster]
            if keysOnly {
                guard let found = try await self.clusters(rows.map { (uid: try $0.text(1), version: try $0.int(4)) }) else {
                    misses += 1
                    continue scanning
                }
                clusters = found
            } else {
                clusters = try rows.map { try decodedClusters.cluster($0, at: 1) }
            }
            misses = 0
            // The first chunk's revision is the list's: watching from it sees every later change.
            if revision == nil { revision = try answer[0].int(0) }
            for cluster in clusters where query.selector.matches(cluster.metadata.labels ?? [:]) {
                items.append(cluster)
                if let wanted, items.count == wanted { break scanning }
            }
            guard let chunk, rows.count == chunk, let last = clusters.last else { break }
            cursor = ClusterKey(namespace: last.metadata.namespace ?? "", name: last.metadata.name)
        }
        var token: String?
        if let limit = query.limit, items.count > limit {
            items.removeLast(items.count - limit)
            token = items.last.map { ContinueToken.encode(ClusterKey(namespace: $0.metadata.namespace ?? "", name: $0.metadata.name)) }
        }
        return ClusterList(items: items, continueToken: token, revision: revision ?? 0)
    }

    /// The clusters at exactly these versions, from the decoded cache or read by uid; nil when one changed or went
    /// away since it was scanned, and the scan must be repeated.
    private func clusters(_ scanned: [(uid: String, version: Int64)]) async throws -> [Cluster]? {
        var found: [String: Cluster] = [:]
        let missing = scanned.filter { key in
            guard let cluster = decodedClusters.cached(uid: key.uid, version: key.version) else { return true }
            found[key.uid] = cluster
            return false
        }
        for batch in stride(from: 0, to: missing.count, by: 200).map({ Array(missing[$0..<min($0 + 200, missing.count)]) }) {
            var statement = Statement(dialect, "SELECT \(clusterColumns) FROM clusters WHERE removed_at IS NULL AND uid IN (")
            statement.append(batch.map { statement.bind($0.uid) }.joined(separator: ", ") + ")")
            let rows = try await failing("list clusters") { try await db.read(statement) }
            for row in rows {
                let cluster = try decodedClusters.cluster(row, at: 0)
                found[cluster.metadata.uid ?? ""] = cluster
            }
        }
        var clusters: [Cluster] = []
        for key in scanned {
            guard let cluster = found[key.uid], cluster.metadata.resourceVersion == String(key.version) else { return nil }
            clusters.append(cluster)
        }
        return clusters
    }

    public func updateCluster(_ cluster: Cluster, fence: LeaseFence?) async throws -> Cluster {
        guard let namespace = cluster.metadata.namespace else {
            throw StoreError.invalid(kind: Cluster.kind, name: cluster.metadata.name, reason: "metadata.namespace is required")
        }
        let key = ClusterKey(namespace: namespace, name: cluster.metadata.name)
        let expected = try parseVersion(cluster.metadata.resourceVersion, key)
        var statement = Statement(dialect)
        let spec = try statement.bindJSON(cluster.spec, dialect)
        let labels = statement.bindJSON(text: JSONColumn.encodeMap(cluster.metadata.labels), dialect)
        let annotations = statement.bindJSON(text: try ClusterRow.storedAnnotations(cluster.metadata), dialect)
        // The generation moves only when the stored spec differs from the new one.
        statement.append("""
            UPDATE clusters SET generation = CASE WHEN spec = \(spec) THEN generation ELSE generation + 1 END,
                spec = \(spec), labels = \(labels), annotations = \(annotations), base_domain = \(statement.bind(cluster.spec.baseDomain)),
                resource_version = \(dialect.nextRevision)
            """)
        appendKeyCondition(&statement, key, expected: expected, fence: fence)
        statement.append(" RETURNING \(clusterColumns)")
        let rows = try await uniqueChecked(cluster) {
            try await failing("update cluster \(key)") { try await db.execute(statement) }
        }
        guard let row = rows.first else { throw try await diagnose(key, expected: expected, fence: fence) }
        return try ClusterRow.decode(row)
    }

    public func updateClusterStatus(_ key: ClusterKey, status: ClusterStatus, resourceVersion: String?, fence: LeaseFence?) async throws -> Cluster {
        let expected = try parseVersion(resourceVersion, key)
        var statement = Statement(dialect)
        let json = try statement.bindJSON(status, dialect)
        statement.append("UPDATE clusters SET status = \(json), resource_version = \(dialect.nextRevision)")
        appendKeyCondition(&statement, key, expected: expected, fence: fence)
        statement.append(" RETURNING \(clusterColumns)")
        let rows = try await failing("update status of cluster \(key)") { try await db.execute(statement) }
        guard let row = rows.first else { throw try await diagnose(key, expected: expected, fence: fence) }
        return try ClusterRow.decode(row, status: status)
    }

    public func deleteCluster(_ key: ClusterKey, resourceVersion: String?, now: Timestamp, fence: LeaseFence?) async throws -> Cluster? {
        let precondition = try parseVersion(resourceVersion, key)
        return try await readModifyWrite(key, fence: fence, now: now) { current in
            if let precondition, precondition != current.resourceVersion {
                throw StoreError.conflict(kind: Cluster.kind, name: key.description, expectedVersion: String(precondition),
                                          actual: String(current.resourceVersion))
            }
            if current.finalizers.isEmpty { return .remove }
            if current.cluster.metadata.deletionTimestamp != nil { return .keep }
            return .markDeleted
        }
    }

    public func removeFinalizer(_ key: ClusterKey, finalizer: String, fence: LeaseFence?, now: Timestamp) async throws -> Cluster? {
        try await readModifyWrite(key, fence: fence, now: now) { current in
            guard current.finalizers.contains(finalizer) else { return .keep }
            let remaining = current.finalizers.filter { $0 != finalizer }
            if remaining.isEmpty, current.cluster.metadata.deletionTimestamp != nil { return .remove }
            return .setFinalizers(remaining)
        }
    }

    public func currentRevision() async throws -> Int64 {
        let rows = try await failing("read revision") { try await db.read("SELECT \(dialect.currentRevision)", []) }
        return try rows[0].int(0)
    }

    public func watchClusters(after revision: Int64) -> ClusterChangeStream {
        ClusterChangeStream(start: revision, signal: db.changes) { [db] after in
            var statement = Statement(db.dialect, """
                SELECT (SELECT compacted FROM revision WHERE id = 1), c.revision, c.uid, c.namespace, c.name, c.type
                FROM (SELECT 1) one LEFT JOIN (SELECT revision, uid, namespace, name, type FROM cluster_changes
                """)
            statement.append(" WHERE revision > \(statement.bind(after)) ORDER BY revision LIMIT 500) c ON 1 = 1 ORDER BY c.revision")
            let rows = try await db.read(statement)
            let compacted = try rows[0].int(0)
            if after < compacted { throw StoreError.compacted(requested: after, oldest: compacted) }
            return try rows.filter { !$0.isNull(1) }.map { row in
                ClusterChange(revision: try row.int(1), key: ClusterKey(namespace: try row.text(3), name: try row.text(4)),
                              uid: try row.text(2), type: ClusterChange.ChangeType(rawValue: try row.text(5)) ?? .modified)
            }
        }
    }

    public func compactChanges(through revision: Int64, fence: LeaseFence?) async throws {
        try await transaction(fencedBy: fence, "compact the change log") { tx in
            var update = Statement(self.dialect)
            // The current revision is copied into the row first: on SQLite it is otherwise read from the log.
            let through = update.bind(revision)
            update.append("UPDATE revision SET value = \(self.dialect.currentRevision), compacted = \(through)")
            update.append(" WHERE id = 1 AND compacted < \(through) AND \(self.dialect.currentRevision) >= \(through)")
            _ = try await tx.execute(update)
            var delete = Statement(self.dialect)
            delete.append("DELETE FROM cluster_changes WHERE revision <= (SELECT compacted FROM revision WHERE id = 1)")
            _ = try await tx.execute(delete)
        }
    }
}
