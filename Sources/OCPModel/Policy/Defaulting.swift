extension ClusterSpec {
    /// This spec with every unset field filled from the profile (and `owner` from the requester).
    ///
    /// Defaulting is idempotent, so the API stores its result and the planner can apply it again safely.
    public func defaulted(by profile: Profile, requester: String? = nil) -> ClusterSpec {
        var spec = self
        if spec.version == nil { spec.version = profile.openshiftVersions.default }
        if spec.region == nil { spec.region = profile.regions.default }
        if spec.baseDomain == nil { spec.baseDomain = profile.baseDomains.default }
        if spec.ttl == nil { spec.ttl = .hours(profile.lifecycle.defaultTTLHours) }
        if spec.workers == nil { spec.workers = profile.compute.workers.replicas }
        if spec.powerState == nil { spec.powerState = .running }
        if spec.owner == nil, let requester { spec.owner = requester }
        return spec
    }

    /// The tag `spec.costCenter` stands for, so a profile requiring it is satisfied by the field.
    public static let costCenterTag = "cost-center"

    /// The tags cloud resources get: the profile's defaults, then `cost-center` from `spec.costCenter`, then the cluster's own tags.
    public func effectiveTags(profile: Profile) -> [String: String] {
        var base = profile.tags?.defaults ?? [:]
        if let costCenter, !costCenter.isEmpty { base[Self.costCenterTag] = costCenter }
        return base.merging(tags ?? [:]) { _, own in own }
    }
}
