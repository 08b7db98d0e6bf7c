/// A create refused by the team's quota; the message names the limit and the current use, as a ResourceQuota
/// refusal does.
public struct QuotaExceeded: Error, Sendable, Hashable, CustomStringConvertible {
    public var team: String
    public var message: String
    public var description: String { message }
}

/// Quota decisions as pure functions: usage from the team's clusters, and whether one more fits.
public enum QuotaAdmission {
    /// What `clusters` (one team's live clusters) use, priced by their profiles.
    public static func usage(of clusters: [Cluster], profiles: ProfileCatalog) -> QuotaUsage {
        var usage = QuotaUsage()
        for cluster in clusters where cluster.metadata.deletionTimestamp == nil {
            let profile = profiles[cluster.spec.profile]
            usage.activeClusters += 1
            if isCreating(cluster) { usage.concurrentCreates += 1 }
            usage.workerNodes += cluster.spec.workers ?? profile?.compute.workers.replicas ?? 0
            usage.hourlyCost += profile?.costControls.hourlyCost(poweredOn: cluster.spec.powerState != .hibernating) ?? 0
        }
        return usage
    }

    /// Throws `QuotaExceeded` when adding `cluster` to `existing` would pass one of `limits`.
    public static func check(_ cluster: Cluster, existing: [Cluster], limits: QuotaLimits, profiles: ProfileCatalog) throws(QuotaExceeded) {
        let used = usage(of: existing, profiles: profiles)
        let requested = usage(of: [cluster], profiles: profiles)
        var exceeded: [(String, String, String, String)] = []
        func over(_ name: String, _ limit: Int?, _ used: Int, _ requested: Int) {
            if let limit, used + requested > limit { exceeded.append((name, "\(requested)", "\(used)", "\(limit)")) }
        }
        over("activeClusters", limits.maxActiveClusters, used.activeClusters, requested.activeClusters)
        over("concurrentCreates", limits.maxConcurrentCreates, used.concurrentCreates, requested.concurrentCreates)
        over("workerNodes", limits.maxWorkerNodes, used.workerNodes, requested.workerNodes)
        if let limit = limits.maxHourlyCost, used.hourlyCost + requested.hourlyCost > limit + 0.000_001 {
            exceeded.append(("hourlyCost", money(requested.hourlyCost), money(used.hourlyCost), money(limit)))
        }
        guard !exceeded.isEmpty else { return }
        let team = cluster.metadata.namespace ?? ""
        func list(_ pick: ((String, String, String, String)) -> String) -> String {
            exceeded.map { "\($0.0)=\(pick($0))" }.joined(separator: ",")
        }
        throw QuotaExceeded(team: team, message: "exceeded quota: \(team), requested: \(list { $0.1 }), used: \(list { $0.2 }), limited: \(list { $0.3 })")
    }

    /// Not yet installed: no phase, Pending or Provisioning.
    static func isCreating(_ cluster: Cluster) -> Bool {
        switch cluster.status?.phase {
        case nil, .pending?, .provisioning?: true
        default: false
        }
    }

    private static func money(_ value: Double) -> String {
        let cents = Int64((value * 100).rounded())
        return "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"
    }
}
