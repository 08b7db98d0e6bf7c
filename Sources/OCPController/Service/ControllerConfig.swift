/// How the cluster controller runs.
public struct ControllerConfig: Sendable {
    /// Reconciles running at once.
    public var workers: Int
    /// Longest a reconcile may take before it is abandoned and retried with backoff.
    public var reconcileTimeout: Double
    /// How often every cluster is listed and queued again, as a safety net for missed changes.
    public var resyncInterval: Double
    public var rateLimiter: RateLimiterConfig
    /// Set when several replicas share one store: each reconcile then holds a per-cluster lease.
    public var replicaID: String?
    /// How long a replica's lease lasts without renewal; a dead replica's clusters move after it.
    public var leaseSeconds: Int64

    public init(workers: Int = 4, reconcileTimeout: Double = 120, resyncInterval: Double = 300,
                rateLimiter: RateLimiterConfig = RateLimiterConfig(), replicaID: String? = nil, leaseSeconds: Int64 = 15) {
        self.workers = workers
        self.reconcileTimeout = reconcileTimeout
        self.resyncInterval = resyncInterval
        self.rateLimiter = rateLimiter
        self.replicaID = replicaID
        self.leaseSeconds = leaseSeconds
    }
}

/// A reconcile that ran past `ControllerConfig.reconcileTimeout`.
public struct ReconcileTimeout: Error, CustomStringConvertible {
    public var key: String
    public var seconds: Double
    public var description: String { "reconcile of \(key) took longer than \(seconds) s" }
}
