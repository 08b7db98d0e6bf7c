/// Controller replicas' heartbeats and progress.
public protocol ControllerStatusStore: Sendable {
    /// Creates or replaces the report of (controller, replica).
    func putControllerStatus(_ status: ControllerStatus) async throws

    /// Every report, ordered by controller then replica.
    func listControllerStatus() async throws -> [ControllerStatus]
}
