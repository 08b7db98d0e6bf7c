import OCPModel

/// The shared machinery of cluster writes: preconditions, fences, failure diagnosis, read-modify-write.
extension SQLStore {
    /// What a read-modify-write decided to do with the current cluster.
    enum ClusterEdit {
        case keep
        case markDeleted
        case setFinalizers([String])
        /// The last finalizer is gone: keep the row as a tombstone, out of every read and uniqueness check.
        case remove
    }

    func notFound(_ key: ClusterKey) -> StoreError {
        StoreError.notFound(kind: Cluster.kind, name: key.description)
    }

    func parseVersion(_ version: String?, _ key: ClusterKey) throws -> Int64? {
        guard let version else { return nil }
        guard let value = Int64(version) else {
            throw StoreError.invalid(kind: Cluster.kind, name: key.description, reason: "resourceVersion \"\(version)\" is not a revision")
        }
        return value
    }

    /// `WHERE` for one live cluster, with the optional resourceVersion and fence preconditions.
    func appendKeyCondition(_ statement: inout Statement, _ key: ClusterKey, expected: Int64?, fence: LeaseFence?) {
        statement.append(" WHERE namespace = \(statement.bind(key.namespace)) AND name = \(statement.bind(key.name)) AND removed_at IS NULL")
        if let expected { statement.append(" AND resource_version = \(statement.bind(expected))") }
        if let fence { appendFence(&statement, fence) }
    }

    /// `AND EXISTS (...)`: the fence must still name the lease's holder and epoch when the write happens.
    func appendFence(_ statement: inout Statement, _ fence: LeaseFence) {
        statement.append(" AND EXISTS (SELECT 1 FROM leases WHERE name = \(statement.bind(fence.lease))")
        statement.append(" AND holder = \(statement.bind(fence.holder)) AND epoch = \(statement.bind(fence.epoch)) \(dialect.lockLeaseRow))")
    }

    /// Why a conditional write matched no row: gone, fenced out, or a newer version.
    func diagnose(_ key: ClusterKey, expected: Int64?, fence: LeaseFence?) async throws -> StoreError {
        guard let current = try await readCluster(key) else { return notFound(key) }
        if let fence, let stale = try await staleFence(fence) { return stale }
        return StoreError.conflict(kind: Cluster.kind, name: key.description, expectedVersion: expected.map(String.init) ?? "any",
                                   actual: String(current.resourceVersion))
    }

    func readCluster(_ key: ClusterKey) async throws -> ClusterRow.Current? {
        var statement = Statement(dialect, "SELECT \(clusterColumns) FROM clusters")
        appendKeyCondition(&statement, key, expected: nil, fence: nil)
        let rows = try await failing("read cluster \(key)") { try await db.read(statement) }
        return try rows.first.map { ClusterRow.Current(cluster: try ClusterRow.decode($0)) }
    }

    /// Reads the cluster, lets `decide` choose an edit, and writes it only if nothing changed in between;
    /// on a lost race it reads again. No row lock is held across the two statements, so this cannot deadlock
    /// with single-statement writes that take the revision first.
    func readModifyWrite(_ key: ClusterKey, fence: LeaseFence?, now: Timestamp,
                         _ decide: (ClusterRow.Current) throws -> ClusterEdit) async throws -> Cluster? {
        while true {
            guard let current = try await readCluster(key) else { throw notFound(key) }
            let edit = try decide(current)
            var statement = Statement(dialect, "UPDATE clusters SET ")
            switch edit {
            case .keep:
                if let fence, let stale = try await staleFence(fence) { throw stale }
                return current.cluster
            case .markDeleted:
                statement.append("deletion_timestamp = \(statement.bind(now.secondsSinceEpoch))")
            case let .setFinalizers(finalizers):
                statement.append("finalizers = \(try statement.bindJSON(finalizers, dialect))")
            case .remove:
                statement.append("""
                    finalizers = \(try statement.bindJSON([String](), dialect)), removed_at = \(statement.bind(now.secondsSinceEpoch)),
                    deletion_timestamp = COALESCE(deletion_timestamp, \(statement.bind(now.secondsSinceEpoch)))
                    """)
            }
            statement.append(", resource_version = \(dialect.nextRevision)")
            appendKeyCondition(&statement, key, expected: current.resourceVersion, fence: fence)
            statement.append(" RETURNING \(clusterColumns)")
            let rows = try await failing("update cluster \(key)") { try await db.execute(statement) }
            if let row = rows.first {
                if case .remove = edit { return nil }
                return try ClusterRow.decode(row)
            }
            if let fence, let stale = try await staleFence(fence) { throw stale }
        }
    }

    /// Maps a unique-index violation on `clusters` to the rule it broke.
    func uniqueChecked<T>(_ cluster: Cluster, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch SQLFailure.uniqueViolation(let detail) {
            let name = "\(cluster.metadata.namespace ?? "")/\(cluster.metadata.name)"
            if detail.contains("base_domain") {
                let dns = "\(cluster.metadata.name).\(cluster.spec.baseDomain ?? "")"
                throw StoreError.alreadyExists(kind: Cluster.kind, name: name, key: .dnsName(dns))
            }
            throw StoreError.alreadyExists(kind: Cluster.kind, name: name, key: .namespacedName)
        }
    }
}
