public import OCPModel

/// Long-running operations with attempt, heartbeat, timestamps, error and log.
public protocol OperationStore: Sendable {
    /// Records a running operation started at `now`; the store assigns its id. `audit`, when given, is appended
    /// in the same transaction (one commit instead of two on the reconciler's hot path).
    func startOperation(_ operation: NewOperation, now: Timestamp, fence: LeaseFence?, audit: AuditEvent?) async throws -> OperationRecord

    /// Marks a running operation alive at `now`, appending `log` if given.
    func heartbeatOperation(id: String, now: Timestamp, appendingLog log: String?, fence: LeaseFence?) async throws -> OperationRecord

    /// Finishes a running operation as succeeded or failed at `now`.
    func finishOperation(id: String, state: OperationState, error: String?, appendingLog log: String?, now: Timestamp,
                         fence: LeaseFence?, audit: AuditEvent?) async throws -> OperationRecord

    /// One operation, or `.notFound`.
    func getOperation(id: String) async throws -> OperationRecord

    /// A cluster's operations, oldest first; they outlive the cluster.
    func listOperations(clusterUID: String) async throws -> [OperationRecord]
    /// Every running operation of every cluster, oldest first, for the janitor's stale-operation sweep.
    func listRunningOperations() async throws -> [OperationRecord]
}

extension OperationStore {
    /// Records a running operation, with no audit event.
    public func startOperation(_ operation: NewOperation, now: Timestamp, fence: LeaseFence?) async throws -> OperationRecord {
        try await startOperation(operation, now: now, fence: fence, audit: nil)
    }

    /// Finishes a running operation, with no audit event.
    public func finishOperation(id: String, state: OperationState, error: String?, appendingLog log: String?, now: Timestamp,
                                fence: LeaseFence?) async throws -> OperationRecord {
        try await finishOperation(id: id, state: state, error: error, appendingLog: log, now: now, fence: fence, audit: nil)
    }
}
