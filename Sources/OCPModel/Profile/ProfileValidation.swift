extension Profile {
    /// Every problem with the profile itself, each with its field path.
    public func validate() -> [FieldError] {
        let profile = fields
        var errors: [FieldError] = []
        func fail(_ reason: FieldError.Reason, _ field: String, _ message: String) {
            errors.append(FieldError(reason: reason, field: field, message: message))
        }
        errors += NameRules.dns1123Label(profile.name, field: "name", maxLength: 63)
        for (field, list) in [("openshiftVersions", profile.openshiftVersions), ("regions", profile.regions), ("baseDomains", profile.baseDomains)] {
            if list.allowlist.isEmpty {
                fail(.required, "\(field).allowlist", "must list at least one value")
            } else if !list.allowlist.contains(list.default) {
                fail(.notSupported, "\(field).default", "\"\(list.default)\" is not in \(field).allowlist \(list.allowlist)")
            }
        }
        for (index, name) in (profile.requiredControllers ?? []).enumerated() {
            errors += NameRules.dns1123Label(name, field: "requiredControllers[\(index)]", maxLength: 63)
        }
        let controlPlane = profile.compute.controlPlane
        if controlPlane.replicas < 1 || controlPlane.replicas % 2 == 0 {
            fail(.invalid, "compute.controlPlane.replicas", "must be odd and at least 1 so etcd keeps quorum, got \(controlPlane.replicas)")
        }
        let workers = profile.compute.workers
        if workers.minReplicas < 0 {
            fail(.invalid, "compute.workers.minReplicas", "must be at least 0, got \(workers.minReplicas)")
        }
        if workers.minReplicas > workers.maxReplicas {
            fail(.invalid, "compute.workers.minReplicas", "must not exceed maxReplicas (\(workers.maxReplicas)), got \(workers.minReplicas)")
        }
        if workers.replicas < workers.minReplicas || workers.replicas > workers.maxReplicas {
            fail(.invalid, "compute.workers.replicas",
                 "must be within minReplicas..maxReplicas (\(workers.minReplicas)..\(workers.maxReplicas)), got \(workers.replicas)")
        }
        if profile.lifecycle.maxTTLHours < 1 {
            fail(.invalid, "lifecycle.maxTTLHours", "must be at least 1, got \(profile.lifecycle.maxTTLHours)")
        }
        if profile.lifecycle.defaultTTLHours < 1 || profile.lifecycle.defaultTTLHours > profile.lifecycle.maxTTLHours {
            fail(.invalid, "lifecycle.defaultTTLHours",
                 "must be within 1..maxTTLHours (\(profile.lifecycle.maxTTLHours)), got \(profile.lifecycle.defaultTTLHours)")
        }
        if profile.lifecycle.warnBeforeDestroyHours < 0 || profile.lifecycle.warnBeforeDestroyHours >= profile.lifecycle.maxTTLHours {
            fail(.invalid, "lifecycle.warnBeforeDestroyHours",
                 "must be at least 0 and less than maxTTLHours (\(profile.lifecycle.maxTTLHours)), got \(profile.lifecycle.warnBeforeDestroyHours)")
        }
        if let attempts = profile.lifecycle.maxProvisionAttempts, attempts < 1 {
            fail(.invalid, "lifecycle.maxProvisionAttempts", "must be at least 1, got \(attempts)")
        }
        if let fraction = profile.costControls.hibernatedCostFraction, !(0...1).contains(fraction) {
            fail(.invalid, "costControls.hibernatedCostFraction", "must be between 0 and 1, got \(fraction)")
        }
        if profile.costControls.estimatedHourlyCost < 0 {
            fail(.invalid, "costControls.estimatedHourlyCost", "must not be negative, got \(profile.costControls.estimatedHourlyCost)")
        }
        errors += HibernationRules.validate(schedules: profile.hibernation?.schedules, field: "hibernation.schedules")
        for key in profile.tags?.required ?? [] where key.isEmpty {
            fail(.invalid, "tags.required", "tag keys must not be empty")
        }
        return errors
    }
}

/// The profiles a control plane knows, by name.
public struct ProfileCatalog: Sendable {
    public private(set) var profiles: [String: Profile]

    /// Creates a catalog; later profiles with the same name replace earlier ones.
    public init(_ profiles: [Profile]) {
        self.profiles = Dictionary(profiles.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> Profile? { profiles[name] }

    /// Profiles sorted by name.
    public var sorted: [Profile] { profiles.values.sorted { $0.name < $1.name } }

    /// The platforms the profiles name, as metrics label them; gauges report each, zero included.
    public var platforms: Set<String> { Set(profiles.values.map(\.platform.rawValue)) }
}
