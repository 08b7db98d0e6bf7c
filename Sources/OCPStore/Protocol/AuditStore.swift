public import OCPModel

/// The audit trail: append and read only.
public protocol AuditStore: Sendable {
    /// Appends an event and returns it with its id.
    func appendAuditEvent(_ event: AuditEvent) async throws -> AuditEvent

    /// Events matching every set filter, oldest first.
    func listAuditEvents(_ query: AuditQuery) async throws -> [AuditEvent]
}
