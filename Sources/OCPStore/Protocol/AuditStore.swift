public import OCPModel

/// The audit trail: append and read only.
public protocol AuditStore: Sendable {
    /// Appends an event and returns it with its id; with a fence, only while the fence still holds its lease.
    func appendAuditEvent(_ event: AuditEvent, fence: LeaseFence?) async throws -> AuditEvent

    /// Events matching every set filter, oldest first.
    func listAuditEvents(_ query: AuditQuery) async throws -> [AuditEvent]
}

extension AuditStore {
    /// Appends an event, unfenced.
    public func appendAuditEvent(_ event: AuditEvent) async throws -> AuditEvent {
        try await appendAuditEvent(event, fence: nil)
    }
}
