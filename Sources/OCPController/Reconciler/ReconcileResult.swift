/// What a reconcile asks of the queue afterwards.
public struct ReconcileResult: Sendable, Hashable {
    /// Reconcile again after this many seconds; nil waits for the next change or resync.
    public var requeueAfter: Double?

    public init(requeueAfter: Double?) {
        self.requeueAfter = requeueAfter
    }

    /// Nothing more to do for this key.
    public static let done = ReconcileResult(requeueAfter: nil)

    /// The earlier of two requeues.
    func sooner(_ seconds: Double?) -> ReconcileResult {
        guard let seconds else { return self }
        return ReconcileResult(requeueAfter: min(requeueAfter ?? seconds, seconds))
    }
}

/// The audit actors of DESIGN §3.
public enum SystemActor {
    public static let reconciler = "system:reconciler"
    public static let ttl = "system:ttl"
    public static let janitor = "system:janitor"
}
