public import OCPModel

/// Long-running operations with attempt, heartbeat, timestamps, error and log.
public protocol OperationStore: Sendable {
    /// Records a running operation started at `now`; the store assigns its id.
    func startOperation(_ operation: NewOperation, now: Timestamp, fence: LeaseFence?) async throws -> OperationRecord

    /// Marks a running operation alive at `now`, appending `log` if given.
    func heartbeatOperation(id: String, now: Timestamp, appendingLog log: String?, fence: LeaseFence?) async throws -> OperationRecord

    /// Finishes a running operation as succeeded or failed at `now`.
    func finishOperation(id: String, state: OperationState, error: String?, appendingLog log: String?, now: Timestamp,
                         fence: LeaseFence?) async throws -> OperationRecord

    /// One operation, or `.notFound`.
    func getOperation(id: String) async throws -> OperationRecord

    /// A cluster's operations, oldest first; they outlive the cluster.
    func listOperations(clusterUID: String) async throws -> [OperationRecord]
    /// Every running operation of every cluster, oldest first, for the janitor's stale-operation sweep.
    func listRunningOperations() async throws -> [OperationRecord]
}
