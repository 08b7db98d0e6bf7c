import Foundation
public import OCPModel

extension SQLStore {
    static let operationColumns =
        "id, cluster_uid, type, state, attempt, generation, started_at, heartbeat_at, finished_at, error, log, request_id"

    public func startOperation(_ operation: NewOperation, now: Timestamp, fence: LeaseFence?, audit: AuditEvent?) async throws -> OperationRecord {
        var statement = Statement(dialect)
        let id = UUID().uuidString.lowercased()
        let values = [statement.bind(id), statement.bind(operation.clusterUID), statement.bind(operation.type.rawValue),
                      statement.bind(OperationState.running.rawValue), statement.bind(Int64(operation.attempt)),
                      statement.bind(operation.generation), statement.bind(now.secondsSinceEpoch), statement.bind(operation.requestID)]
        statement.append("""
            INSERT INTO operations (id, cluster_uid, type, state, attempt, generation, started_at, request_id)
            SELECT \(values.joined(separator: ", "))
            WHERE EXISTS (SELECT 1 FROM clusters WHERE uid = \(values[1]))
            """)
        if let fence { appendFence(&statement, fence) }
        statement.append(" RETURNING \(Self.operationColumns)")
        let rows = try await failing("start operation for cluster \(operation.clusterUID)") { [statement] in
            try await executeWithAudit(statement, audit)
        }
        if let row = rows.first { return try Self.operation(row) }
        if let fence, let stale = try await staleFence(fence) { throw stale }
        throw StoreError.notFound(kind: Cluster.kind, name: "uid \(operation.clusterUID)")
    }

    public func heartbeatOperation(id: String, now: Timestamp, appendingLog log: String?, fence: LeaseFence?) async throws -> OperationRecord {
        var statement = Statement(dialect)
        statement.append("UPDATE operations SET heartbeat_at = \(statement.bind(now.secondsSinceEpoch)), ")
        statement.append("log = log || \(statement.bind(log ?? ""))")
        return try await updateRunningOperation(id, &statement, fence: fence)
    }

    public func finishOperation(id: String, state: OperationState, error: String?, appendingLog log: String?, now: Timestamp,
                                fence: LeaseFence?, audit: AuditEvent?) async throws -> OperationRecord {
        guard state != .running else {
            throw StoreError.invalid(kind: "Operation", name: id, reason: "an operation finishes as Succeeded or Failed")
        }
        var statement = Statement(dialect)
        statement.append("UPDATE operations SET state = \(statement.bind(state.rawValue)), error = \(statement.bind(error)), ")
        statement.append("finished_at = \(statement.bind(now.secondsSinceEpoch)), heartbeat_at = \(statement.bind(now.secondsSinceEpoch)), ")
        statement.append("log = log || \(statement.bind(log ?? ""))")
        return try await updateRunningOperation(id, &statement, fence: fence, audit: audit)
    }

    public func getOperation(id: String) async throws -> OperationRecord {
        var statement = Statement(dialect)
        statement.append("SELECT \(Self.operationColumns) FROM operations WHERE id = \(statement.bind(id))")
        let rows = try await failing("read operation \(id)") { try await db.read(statement) }
        guard let row = rows.first else { throw StoreError.notFound(kind: "Operation", name: id) }
        return try Self.operation(row)
    }

    public func listOperations(clusterUID: String) async throws -> [OperationRecord] {
        var statement = Statement(dialect)
        statement.append("SELECT \(Self.operationColumns) FROM operations WHERE cluster_uid = \(statement.bind(clusterUID))")
        statement.append(" ORDER BY \(db.dialect.operationOrder)")
        let rows = try await failing("list operations of cluster \(clusterUID)") { try await db.read(statement) }
        return try rows.map(Self.operation)
    }

    public func listRunningOperations() async throws -> [OperationRecord] {
        var statement = Statement(dialect)
        statement.append("SELECT \(Self.operationColumns) FROM operations WHERE state = \(statement.bind(OperationState.running.rawValue))")
        statement.append(" ORDER BY \(db.dialect.operationOrder)")
        let rows = try await failing("list running operations") { try await db.read(statement) }
        return try rows.map(Self.operation)
    }

    /// Runs `statement`; when it changed a row and `audit` is given, appends the event in the same transaction.
    private func executeWithAudit(_ statement: Statement, _ audit: AuditEvent?) async throws -> [SQLRow] {
        guard let audit else { return try await db.execute(statement) }
        return try await db.transaction { executor in
            let rows = try await executor.execute(statement)
            if !rows.isEmpty { _ = try await executor.execute(Self.auditInsert(audit, dialect)) }
            return rows
        }
    }

    /// Applies an update to a running operation, or explains why it could not.
    private func updateRunningOperation(_ id: String, _ statement: inout Statement, fence: LeaseFence?,
                                        audit: AuditEvent? = nil) async throws -> OperationRecord {
        statement.append(" WHERE id = \(statement.bind(id)) AND state = \(statement.bind(OperationState.running.rawValue))")
        if let fence { appendFence(&statement, fence) }
        statement.append(" RETURNING \(Self.operationColumns)")
        let finalStatement = statement
        let rows = try await failing("update operation \(id)") { try await executeWithAudit(finalStatement, audit) }
        if let row = rows.first { return try Self.operation(row) }
        let current = try await getOperation(id: id)
        if let fence, let stale = try await staleFence(fence) { throw stale }
        throw StoreError.conflict(kind: "Operation", name: id, expectedVersion: OperationState.running.rawValue,
                                  actual: current.operation.state.rawValue)
    }

    private static func operation(_ row: SQLRow) throws -> OperationRecord {
        let timestamp = { (index: Int) in try row.optionalInt(index).map(Timestamp.init(secondsSinceEpoch:)) }
        guard let type = OperationType(rawValue: try row.text(2)), let state = OperationState(rawValue: try row.text(3)) else {
            throw StoreError.backend(operation: "read operation", message: "unknown type or state in row \(row.cells)")
        }
        let operation = Operation(
            id: try row.text(0), clusterUID: try row.text(1), type: type, state: state, attempt: Int(try row.int(4)),
            generation: try row.int(5), startedAt: Timestamp(secondsSinceEpoch: try row.int(6)), heartbeatAt: try timestamp(7),
            finishedAt: try timestamp(8), error: try row.optionalText(9))
        return OperationRecord(operation: operation, requestID: try row.optionalText(11), log: try row.text(10))
    }
}
