/// `ocpctl extend cluster/NAME --by 24h`: a longer `spec.ttl`, capped by the profile's `lifecycle.maxTTLHours` counted
/// from creation.
public enum TTLExtension {
    /// The longest extension accepted in one request, so a hostile number cannot overflow a timestamp.
    public static let maxBySeconds: Int64 = 366 * 86_400

    /// `spec` with its TTL lengthened by `by`, or the errors naming the field and the rule: `by` when it is not a
    /// positive duration, `spec.ttl` when the profile allows no custom TTL or the result passes its maximum.
    public static func extend(_ spec: ClusterSpec, by: TTLDuration, profile: Profile, created: Timestamp) throws(ValidationFailure) -> ClusterSpec {
        guard by.seconds > 0, by.seconds <= maxBySeconds else {
            throw ValidationFailure([FieldError(reason: .invalid, field: "by", message: "must be a duration from 1s to 366d, got \(by)")])
        }
        let lifecycle = profile.lifecycle
        guard lifecycle.allowCustomTTL else {
            throw ValidationFailure([FieldError(reason: .forbidden, field: "spec.ttl",
                                                message: "profile \(profile.name) does not allow a custom TTL, so it cannot be extended")])
        }
        let current = spec.ttl ?? .hours(lifecycle.defaultTTLHours)
        let extended = current.seconds + by.seconds
        let maximum = Int64(lifecycle.maxTTLHours) * 3600
        guard extended <= maximum else {
            let left = TTLDuration(seconds: max(maximum - current.seconds, 0))
            throw ValidationFailure([FieldError(reason: .invalid, field: "spec.ttl", message:
                "extending \(current) by \(by) makes \(TTLDuration(seconds: extended)), over the profile maximum of \(lifecycle.maxTTLHours)h "
                + "from creation (\(created.adding(seconds: maximum))); "
                + (left.seconds > 0 ? "it can grow by \(left) at most" : "it is at the maximum already"))])
        }
        var spec = spec
        spec.ttl = TTLDuration(seconds: extended)
        return spec
    }
}
