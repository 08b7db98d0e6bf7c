public import OCPModel

/// Leases with fencing epochs, for exclusivity across replicas.
public protocol LeaseStore: Sendable {
    /// Takes the lease if it is free, expired at `now`, or already ours; throws `.leaseHeld` otherwise.
    func acquireLease(_ name: String, holder: String, duration seconds: Int64, now: Timestamp) async throws -> Lease

    /// Extends a lease we hold; throws `.staleFence` if another holder took it.
    func renewLease(_ fence: LeaseFence, duration seconds: Int64, now: Timestamp) async throws -> Lease

    /// Gives a lease up; the next holder gets a new epoch.
    func releaseLease(_ fence: LeaseFence, now: Timestamp) async throws

    /// The lease's current state, or nil if never taken.
    func getLease(_ name: String) async throws -> Lease?
}
