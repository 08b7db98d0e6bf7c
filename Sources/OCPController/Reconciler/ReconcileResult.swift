/// What a reconcile asks of the queue afterwards.
public struct ReconcileResult: Sendable, Hashable {
    /// Reconcile again at this time (seconds since the epoch); nil waits for the next change or resync.
    ///
    /// Absolute, not "after N seconds": the deadline must not drift by however long the reconcile took to return.
    public var requeueAt: Double?

    public init(requeueAt: Double?) {
        self.requeueAt = requeueAt
    }

    /// Nothing more to do for this key.
    public static let done = ReconcileResult(requeueAt: nil)

    /// The earlier of two requeues.
    func sooner(_ deadline: Double?) -> ReconcileResult {
        guard let deadline else { return self }
        return ReconcileResult(requeueAt: min(requeueAt ?? deadline, deadline))
    }
}

/// The audit actors of architecture.md §3.
public enum SystemActor {
    public static let reconciler = "system:reconciler"
    public static let ttl = "system:ttl"
    public static let janitor = "system:janitor"
}
