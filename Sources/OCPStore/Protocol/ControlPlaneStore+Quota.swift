public import OCPModel

extension ControlPlaneStore {
    /// Creates `cluster` within its team's quota when the team has one: counted and inserted under one lock, so
    /// concurrent creates on any replica never pass the limit. Throws `QuotaExceeded` and writes nothing otherwise.
    public func createCluster(_ cluster: Cluster, now: Timestamp, withinQuotaOf profiles: ProfileCatalog,
                              fence: LeaseFence? = nil) async throws -> Cluster {
        guard let limits = try await teamQuota(team: cluster.metadata.namespace ?? "default") else {
            return try await createCluster(cluster, now: now, fence: fence)
        }
        return try await createCluster(cluster, now: now, fence: fence) { existing in
            try QuotaAdmission.check(cluster, existing: existing, limits: limits, profiles: profiles)
        }
    }

    /// Throws `QuotaExceeded` when `next` (a new cluster, or `current` changed) does not fit its team's quota.
    ///
    /// Changes are checked against the team's clusters as read now, without the create lock: two concurrent
    /// changes may both pass, which the next change then sees.
    public func checkQuota(_ next: Cluster, replacing current: Cluster?, profiles: ProfileCatalog) async throws {
        let team = next.metadata.namespace ?? "default"
        guard let limits = try await teamQuota(team: team) else { return }
        let existing = try await listAllClusters(namespace: team).filter { $0.metadata.uid == nil || $0.metadata.uid != current?.metadata.uid }
        try QuotaAdmission.check(next, existing: existing, limits: limits, profiles: profiles)
    }
}

extension ClusterStore {
    /// Every live cluster in `namespace` (nil: all), read page by page.
    public func listAllClusters(namespace: String?) async throws -> [Cluster] {
        var clusters: [Cluster] = []
        var query = ClusterListQuery(namespace: namespace, limit: 500)
        repeat {
            let page = try await listClusters(query)
            clusters += page.items
            query.continueToken = page.continueToken
        } while query.continueToken != nil
        return clusters
    }
}
