/// Admission of a cluster write, the same for the API and for sync sources: defaults from the profile, then policy.
public enum ClusterAdmission {
    /// Defaults the spec from its profile (owner from `requester`, or kept from `previous`), then validates it
    /// against the profile's policy and `previous` (immutable fields); throws every error at once.
    public static func admit(_ cluster: Cluster, profiles: ProfileCatalog, requester: String, previous: Cluster?) throws(ValidationFailure) -> Cluster {
        var admitted = cluster
        let profile = profiles[cluster.spec.profile]
        if let profile {
            admitted.spec = cluster.spec.defaulted(by: profile, requester: previous?.spec.owner ?? requester)
        }
        let errors = ClusterPolicy.validate(admitted, profile: profile, previous: previous, knownProfiles: Array(profiles.profiles.keys))
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return admitted
    }
}
