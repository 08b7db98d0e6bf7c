import Foundation
public import OCPModel

extension SQLStore {
    private static let syncSourceColumns = "body, status, resource_version, generation"

    public func createSyncSource(_ source: SyncSource, now: Timestamp) async throws -> SyncSource {
        var stored = source
        let namespace = source.metadata.namespace ?? "default"
        stored.metadata.namespace = namespace
        stored.metadata.uid = UUID().uuidString.lowercased()
        stored.metadata.generation = 1
        stored.metadata.resourceVersion = "1"
        stored.metadata.creationTimestamp = now
        stored.status = nil
        var statement = Statement(dialect)
        let values = [statement.bind(namespace), statement.bind(source.metadata.name), statement.bind(stored.metadata.uid),
                      statement.bind(Int64(1)), statement.bind(Int64(1)), statement.bind(now.secondsSinceEpoch),
                      statement.bind(try Self.body(stored))]
        statement.append("""
            INSERT INTO sync_sources (namespace, name, uid, resource_version, generation, created_at, body)
            VALUES (\(values.joined(separator: ", ")))
            """)
        do {
            _ = try await failing("create sync source \(namespace)/\(source.metadata.name)") { try await db.execute(statement) }
        } catch SQLFailure.uniqueViolation {
            throw StoreError.alreadyExists(kind: SyncSource.kind, name: "\(namespace)/\(source.metadata.name)", key: .namespacedName)
        }
        return stored
    }

    public func getSyncSource(namespace: String, name: String) async throws -> SyncSource {
        var statement = Statement(dialect, "SELECT \(Self.syncSourceColumns) FROM sync_sources WHERE ")
        statement.append("namespace = \(statement.bind(namespace)) AND name = \(statement.bind(name))")
        let rows = try await failing("read sync source \(namespace)/\(name)") { try await db.read(statement) }
        guard let row = rows.first else { throw StoreError.notFound(kind: SyncSource.kind, name: "\(namespace)/\(name)") }
        return try Self.syncSource(row)
    }

    public func listSyncSources(namespace: String?) async throws -> [SyncSource] {
        var statement = Statement(dialect, "SELECT \(Self.syncSourceColumns) FROM sync_sources")
        if let namespace { statement.append(" WHERE namespace = \(statement.bind(namespace))") }
        statement.append(" ORDER BY namespace, name")
        let rows = try await failing("list sync sources") { try await db.read(statement) }
        return try rows.map(Self.syncSource)
    }

    public func updateSyncSource(_ source: SyncSource) async throws -> SyncSource {
        let namespace = source.metadata.namespace ?? "default"
        let current = try await getSyncSource(namespace: namespace, name: source.metadata.name)
        if let expected = source.metadata.resourceVersion, expected != current.metadata.resourceVersion {
            throw StoreError.conflict(kind: SyncSource.kind, name: "\(namespace)/\(source.metadata.name)", expectedVersion: expected,
                                      actual: current.metadata.resourceVersion ?? "")
        }
        var next = current
        next.spec = source.spec
        next.metadata.labels = source.metadata.labels
        next.metadata.annotations = source.metadata.annotations
        next.metadata.managedFields = source.metadata.managedFields
        if next.spec != current.spec { next.metadata.generation = (current.metadata.generation ?? 1) + 1 }
        return try await write(next, expecting: current, set: "body", value: try Self.body(next))
    }

    public func updateSyncSourceStatus(namespace: String, name: String, status: SyncSourceStatus, fence: LeaseFence?) async throws -> SyncSource {
        let current = try await getSyncSource(namespace: namespace, name: name)
        var next = current
        next.status = status
        return try await write(next, expecting: current, set: "status", value: String(decoding: try ResourceEncoding.jsonData(status), as: UTF8.self),
                               fence: fence)
    }

    public func deleteSyncSource(namespace: String, name: String) async throws {
        var statement = Statement(dialect)
        statement.append("DELETE FROM sync_sources WHERE namespace = \(statement.bind(namespace)) AND name = \(statement.bind(name)) RETURNING name")
        let rows = try await failing("delete sync source \(namespace)/\(name)") { try await db.execute(statement) }
        if rows.isEmpty { throw StoreError.notFound(kind: SyncSource.kind, name: "\(namespace)/\(name)") }
    }

    /// Writes one column if the row still has `current`'s resourceVersion; bumps it.
    private func write(_ next: SyncSource, expecting current: SyncSource, set column: String, value: String,
                       fence: LeaseFence? = nil) async throws -> SyncSource {
        let namespace = current.metadata.namespace ?? "default"
        let version = Int64(current.metadata.resourceVersion ?? "0") ?? 0
        var statement = Statement(dialect)
        statement.append("UPDATE sync_sources SET \(column) = \(statement.bind(value)), resource_version = \(statement.bind(version + 1)), ")
        statement.append("generation = \(statement.bind(next.metadata.generation ?? 1)) WHERE namespace = \(statement.bind(namespace)) ")
        statement.append("AND name = \(statement.bind(current.metadata.name)) AND resource_version = \(statement.bind(version))")
        statement.append(" RETURNING \(Self.syncSourceColumns)")
        let update = statement
        let rows = try await fenced(fence, "update sync source \(namespace)/\(current.metadata.name)") { try await $0.execute(update) }
        guard let row = rows.first else {
            throw StoreError.conflict(kind: SyncSource.kind, name: "\(namespace)/\(current.metadata.name)", expectedVersion: String(version),
                                      actual: "newer")
        }
        return try Self.syncSource(row)
    }

    /// Metadata and spec, as stored in `body`; status has its own column so status writes leave the spec alone.
    private static func body(_ source: SyncSource) throws -> String {
        var body = source
        body.status = nil
        return String(decoding: try ResourceEncoding.jsonData(body), as: UTF8.self)
    }

    private static func syncSource(_ row: SQLRow) throws -> SyncSource {
        var source = try JSONDecoder().decode(SyncSource.self, from: Data(try row.text(0).utf8))
        if let status = try row.optionalText(1) {
            source.status = try JSONDecoder().decode(SyncSourceStatus.self, from: Data(status.utf8))
        }
        source.metadata.resourceVersion = String(try row.int(2))
        source.metadata.generation = try row.int(3)
        return source
    }
}
