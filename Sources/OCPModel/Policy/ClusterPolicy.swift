/// Checks a cluster against its profile and reports every violation at once.
public enum ClusterPolicy {
    /// Errors for `cluster` (already defaulted) under `profile`; `previous` is the stored object on update.
    ///
    /// `profile` is nil when the named profile does not exist; `knownProfiles` then lists the choices.
    public static func validate(
        _ cluster: Cluster, profile: Profile?, previous: Cluster? = nil, knownProfiles: [String] = []
    ) -> [FieldError] {
        validate(metadata: cluster.metadata, spec: cluster.spec, profile: profile, previous: previous?.spec, knownProfiles: knownProfiles)
    }

    /// The same checks on metadata and spec directly, so hot paths need not assemble a `Cluster`.
    ///
    /// Unset spec fields pass: their defaults come from the profile, whose own validation keeps them legal.
    public static func validate(
        metadata meta: ObjectMeta, spec: ClusterSpec, profile: Profile?, previous: ClusterSpec? = nil, knownProfiles: [String] = []
    ) -> [FieldError] {
        var errors: [FieldError] = []
        errors += NameRules.dns1123Label(meta.name, field: "metadata.name", maxLength: NameRules.maxClusterNameLength)
        if let namespace = meta.namespace {
            errors += NameRules.dns1123Label(namespace, field: "metadata.namespace")
        }
        for (key, value) in meta.labels ?? [:] {
            if !NameRules.isLabelKey(key) {
                errors.append(FieldError(reason: .invalid, field: "metadata.labels", message: "\"\(key)\" is not a valid label key"))
            } else if !NameRules.isLabelValue(value) {
                errors.append(FieldError(reason: .invalid, field: "metadata.labels.\(key)",
                                         message: "\"\(value)\" is not a valid label value: up to 63 of letters, digits, '-', '_', '.', starting and ending alphanumeric"))
            }
        }
        if let previous {
            errors += immutableFieldErrors(spec, previous: previous)
        }
        guard let profile else {
            let choices = knownProfiles.isEmpty ? "" : "; known profiles: \(knownProfiles.sorted().joined(separator: ", "))"
            errors.append(FieldError(reason: spec.profile.isEmpty ? .required : .notSupported, field: "spec.profile",
                                     message: spec.profile.isEmpty ? "must name a profile" : "profile \"\(spec.profile)\" does not exist\(choices)"))
            return errors
        }
        if !profile.enabled {
            errors.append(FieldError(reason: .forbidden, field: "spec.profile", message: "profile \"\(profile.name)\" is disabled"))
        }
        check(spec.version, in: profile.openshiftVersions, field: "spec.version", into: &errors)
        check(spec.region, in: profile.regions, field: "spec.region", into: &errors)
        check(spec.baseDomain, in: profile.baseDomains, field: "spec.baseDomain", into: &errors)
        if let baseDomain = spec.baseDomain, meta.name.utf8.count + baseDomain.utf8.count + 5 > 253 {
            errors.append(FieldError(reason: .tooLong, field: "metadata.name", message: "api.\(meta.name).\(baseDomain) is longer than 253 characters"))
        }
        errors += ttlErrors(spec.ttl, lifecycle: profile.lifecycle)
        if let workers = spec.workers {
            let limits = profile.compute.workers
            if workers < limits.minReplicas || workers > limits.maxReplicas {
                errors.append(FieldError(reason: .invalid, field: "spec.workers",
                                         message: "must be within \(limits.minReplicas)..\(limits.maxReplicas) for profile \(profile.name), got \(workers)"))
            }
        }
        if let powerState = spec.powerState, !powerState.isValid {
            errors.append(FieldError(reason: .notSupported, field: "spec.powerState",
                                     message: "unsupported value \"\(powerState)\": must be one of Running, Hibernating"))
        }
        errors += HibernationRules.validate(spec.hibernation)
        if let required = profile.tags?.required, !required.isEmpty {
            let tags = spec.effectiveTags(profile: profile)
            for key in required where tags[key, default: ""].isEmpty {
                errors.append(FieldError(reason: .required, field: "spec.tags.\(key)",
                                         message: "tag \"\(key)\" is required by profile \(profile.name)"))
            }
        }
        for (key, value) in spec.tags ?? [:] where key.isEmpty || key.utf8.count > 128 || value.utf8.count > 256 {
            errors.append(FieldError(reason: .invalid, field: "spec.tags.\(key)", message: "tag keys must be 1..128 characters and values at most 256"))
        }
        return errors
    }

    private static func check(_ value: String?, in list: Profile.Allowlist, field: String, into errors: inout [FieldError]) {
        guard let value, !list.allowlist.contains(value) else { return }
        errors.append(FieldError(reason: .notSupported, field: field,
                                 message: "unsupported value \"\(value)\": must be one of \(list.allowlist.joined(separator: ", "))"))
    }

    private static func ttlErrors(_ ttl: TTLDuration?, lifecycle: Profile.Lifecycle) -> [FieldError] {
        guard let ttl else { return [] }
        if ttl.seconds <= 0 {
            return [FieldError(reason: .invalid, field: "spec.ttl", message: "must be longer than zero")]
        }
        if ttl.seconds > Int64(lifecycle.maxTTLHours) * 3600 {
            return [FieldError(reason: .invalid, field: "spec.ttl", message: "\(ttl) exceeds the profile maximum of \(lifecycle.maxTTLHours)h")]
        }
        if !lifecycle.allowCustomTTL, ttl.seconds != Int64(lifecycle.defaultTTLHours) * 3600 {
            return [FieldError(reason: .forbidden, field: "spec.ttl",
                               message: "the profile does not allow a custom TTL; omit it or use \(lifecycle.defaultTTLHours)h")]
        }
        return []
    }

    private static func immutableFieldErrors(_ spec: ClusterSpec, previous: ClusterSpec) -> [FieldError] {
        var errors: [FieldError] = []
        func immutable(_ field: String, _ new: String?, _ old: String?) {
            if let old, new != old {
                errors.append(FieldError(reason: .forbidden, field: field, message: "field is immutable: was \"\(old)\", got \"\(new ?? "")\""))
            }
        }
        immutable("spec.profile", spec.profile, previous.profile)
        immutable("spec.region", spec.region, previous.region)
        immutable("spec.baseDomain", spec.baseDomain, previous.baseDomain)
        if let old = previous.version, spec.version != old {
            errors.append(FieldError(reason: .forbidden, field: "spec.version",
                                     message: "cannot change from \"\(old)\" to \"\(spec.version ?? "")\": upgrades are not supported yet"))
        }
        return errors
    }
}
