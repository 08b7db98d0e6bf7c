/// Per-team limits an admin sets; unset limits do not apply.
public struct QuotaLimits: Sendable, Hashable, Codable {
    /// Clusters that exist and are not being deleted.
    public var maxActiveClusters: Int?
    /// Clusters still being created (no phase yet, Pending or Provisioning).
    public var maxConcurrentCreates: Int?
    /// Worker nodes over every active cluster.
    public var maxWorkerNodes: Int?
    /// Estimated hourly cost over every active cluster, hibernated ones at their hibernated share.
    public var maxHourlyCost: Double?

    /// Creates limits; nil leaves one unlimited.
    public init(maxActiveClusters: Int? = nil, maxConcurrentCreates: Int? = nil, maxWorkerNodes: Int? = nil, maxHourlyCost: Double? = nil) {
        self.maxActiveClusters = maxActiveClusters
        self.maxConcurrentCreates = maxConcurrentCreates
        self.maxWorkerNodes = maxWorkerNodes
        self.maxHourlyCost = maxHourlyCost
    }

    /// Every limit must be zero or more.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        for (field, value) in [("maxActiveClusters", maxActiveClusters), ("maxConcurrentCreates", maxConcurrentCreates),
                               ("maxWorkerNodes", maxWorkerNodes)] {
            if let value, value < 0 { errors.append(FieldError(reason: .invalid, field: "spec.\(field)", message: "must be 0 or more, got \(value)")) }
        }
        if let cost = maxHourlyCost, !(cost >= 0) || cost.isInfinite {
            errors.append(FieldError(reason: .invalid, field: "spec.maxHourlyCost", message: "must be a finite amount of 0 or more, got \(cost)"))
        }
        return errors
    }
}

/// What a team uses now, counted against its limits.
public struct QuotaUsage: Sendable, Hashable, Codable {
    public var activeClusters: Int
    public var concurrentCreates: Int
    public var workerNodes: Int
    public var hourlyCost: Double

    /// Creates a usage.
    public init(activeClusters: Int = 0, concurrentCreates: Int = 0, workerNodes: Int = 0, hourlyCost: Double = 0) {
        self.activeClusters = activeClusters
        self.concurrentCreates = concurrentCreates
        self.workerNodes = workerNodes
        self.hourlyCost = hourlyCost
    }
}

/// A team's quota as the API shows it (like a ResourceQuota): the limits, and what is used now.
public struct TeamQuota: Sendable, Hashable, Codable {
    public static let kind = "TeamQuota"
    public var apiVersion = Cluster.apiVersion
    public var kind = TeamQuota.kind
    /// `name` and `namespace` are both the team.
    public var metadata: ObjectMeta
    public var spec: QuotaLimits
    public var status: QuotaStatus?

    /// Creates a quota document for `team`.
    public init(team: String, spec: QuotaLimits, used: QuotaUsage? = nil) {
        metadata = ObjectMeta(name: team, namespace: team)
        self.spec = spec
        status = used.map(QuotaStatus.init)
    }

    /// What the team uses now.
    public struct QuotaStatus: Sendable, Hashable, Codable {
        public var used: QuotaUsage
        public init(used: QuotaUsage) { self.used = used }
    }
}
