extension Planner {
    /// The status to show when the cloud could not be observed: Ready turns Unknown and Degraded says why.
    ///
    /// No plan is made, since deciding from a missing observation would read "nothing there" and install a
    /// second cluster beside the first; the reconcile is retried with backoff instead.
    public static func unobservable(_ cluster: Cluster, reason message: String, now: Timestamp) -> ClusterStatus {
        var status = cluster.status ?? ClusterStatus()
        let generation = cluster.metadata.generation ?? 1
        let text = "cannot observe the cloud: \(message)"
        status.conditions.set(ConditionType.ready, .unknown, reason: Reason.cloudUnreachable, message: text,
                              observedGeneration: generation, now: now)
        status.conditions.set(ConditionType.degraded, .true, reason: Reason.cloudUnreachable, message: text,
                              observedGeneration: generation, now: now)
        return status
    }
}
