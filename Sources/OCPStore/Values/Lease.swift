public import OCPModel

/// A named lease with a fencing epoch.
public struct Lease: Sendable, Hashable {
    public var name: String
    /// nil after a release.
    public var holder: String?
    /// Grows on every change of holder; writes carry it as their fence.
    public var epoch: Int64
    public var acquiredAt: Timestamp
    public var renewedAt: Timestamp
    public var expiresAt: Timestamp

    /// Creates a lease value.
    public init(name: String, holder: String?, epoch: Int64, acquiredAt: Timestamp, renewedAt: Timestamp, expiresAt: Timestamp) {
        self.name = name
        self.holder = holder
        self.epoch = epoch
        self.acquiredAt = acquiredAt
        self.renewedAt = renewedAt
        self.expiresAt = expiresAt
    }

    /// The fence a holder passes with its writes.
    public var fence: LeaseFence? {
        holder.map { LeaseFence(lease: name, holder: $0, epoch: epoch) }
    }
}

/// Proof of holding a lease at an epoch; a write carrying a stale one is rejected in its own transaction.
public struct LeaseFence: Sendable, Hashable {
    public var lease: String
    public var holder: String
    public var epoch: Int64

    /// Creates a fence.
    public init(lease: String, holder: String, epoch: Int64) {
        self.lease = lease
        self.holder = holder
        self.epoch = epoch
    }
}
