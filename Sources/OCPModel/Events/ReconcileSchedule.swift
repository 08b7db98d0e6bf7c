/// The original design's binary reconcile schedule: clusters that need attention get a `cluster.reconcile`
/// event every 30 s, stable ones every 5 min.
public struct ReconcileSchedule: Sendable, Hashable {
    public var attentionSeconds: Int64
    public var stableSeconds: Int64
    /// A cluster younger than this needs attention.
    public var newClusterSeconds: Int64

    /// Creates a schedule; the defaults are the original design's.
    public init(attentionSeconds: Int64 = 30, stableSeconds: Int64 = 300, newClusterSeconds: Int64 = 7_200) {
        self.attentionSeconds = attentionSeconds
        self.stableSeconds = stableSeconds
        self.newClusterSeconds = newClusterSeconds
    }

    /// True for a new cluster, a failed one, one being deleted, and one not Ready or Degraded at its generation.
    public func needsAttention(_ cluster: Cluster, now: Timestamp) -> Bool {
        if let created = cluster.metadata.creationTimestamp, now.secondsSinceEpoch - created.secondsSinceEpoch < newClusterSeconds { return true }
        if cluster.metadata.deletionTimestamp != nil || cluster.status?.phase == .failed { return true }
        if cluster.hasCondition(ConditionType.degraded) { return true }
        return !cluster.isReady
    }

    /// Seconds until this cluster's next reconcile event.
    public func interval(for cluster: Cluster, now: Timestamp) -> Int64 {
        needsAttention(cluster, now: now) ? attentionSeconds : stableSeconds
    }
}
