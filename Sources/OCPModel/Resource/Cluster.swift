/// The `Cluster` resource: an OpenShift cluster as a team wants it (`spec`) and as it is (`status`).
public struct Cluster: Sendable, Hashable, Codable {
    /// The API group and version of this resource.
    public static let apiVersion = "ocpctl.io/v1alpha1"
    /// The kind of this resource.
    public static let kind = "Cluster"
    /// The finalizer that holds a cluster until its cloud resources are gone.
    public static let finalizer = "ocpctl.io/cloud-resources"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: ClusterSpec
    public var status: ClusterStatus?

    /// Creates a cluster document with this API version and kind.
    public init(metadata: ObjectMeta, spec: ClusterSpec, status: ClusterStatus? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, spec, status
    }
}

/// Standard object metadata, as in Kubernetes' `metav1.ObjectMeta`.
public struct ObjectMeta: Sendable, Hashable, Codable {
    /// DNS-1123 label, unique in its namespace.
    public var name: String
    /// The owning team.
    public var namespace: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    /// Set by the server.
    public var uid: String?
    /// Set by the server; changes on every write.
    public var resourceVersion: String?
    /// Set by the server; changes on every spec write.
    public var generation: Int64?
    public var creationTimestamp: Timestamp?
    public var deletionTimestamp: Timestamp?
    public var finalizers: [String]?
    /// Who set which fields (server-side apply); set by the server.
    public var managedFields: [ManagedFieldsEntry]?

    /// Creates metadata with a name and optional namespace and labels.
    public init(name: String, namespace: String? = nil, labels: [String: String]? = nil) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
    }

    enum CodingKeys: String, CodingKey {
        case name, namespace, labels, annotations, uid, resourceVersion, generation
        case creationTimestamp, deletionTimestamp, finalizers, managedFields
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(namespace, forKey: .namespace)
        try container.encodeSorted(labels, forKey: .labels)
        try container.encodeSorted(annotations, forKey: .annotations)
        try container.encodeIfPresent(uid, forKey: .uid)
        try container.encodeIfPresent(resourceVersion, forKey: .resourceVersion)
        try container.encodeIfPresent(generation, forKey: .generation)
        try container.encodeIfPresent(creationTimestamp, forKey: .creationTimestamp)
        try container.encodeIfPresent(deletionTimestamp, forKey: .deletionTimestamp)
        try container.encodeIfPresent(finalizers, forKey: .finalizers)
        try container.encodeIfPresent(managedFields, forKey: .managedFields)
    }
}

/// What the team wants.
public struct ClusterSpec: Sendable, Hashable, Codable {
    /// The profile that decides platform and policy. Required; immutable.
    public var profile: String
    /// OpenShift version; default and allowlist from the profile.
    public var version: String?
    /// Cloud region; default and allowlist from the profile. Immutable.
    public var region: String?
    /// DNS base domain; default and allowlist from the profile. Immutable.
    public var baseDomain: String?
    /// The person answerable for the cluster; defaults to the requester.
    public var owner: String?
    public var costCenter: String?
    /// Time to live from creation; default and maximum from the profile.
    public var ttl: TTLDuration?
    /// Worker replicas; default, min and max from the profile.
    public var workers: Int?
    /// `Running` or `Hibernating`; defaults to `Running`.
    public var powerState: PowerState?
    /// Merged with the profile's default tags.
    public var tags: [String: String]?

    /// Creates a spec naming a profile; everything else defaults from it.
    public init(profile: String) {
        self.profile = profile
    }

    enum CodingKeys: String, CodingKey {
        case profile, version, region, baseDomain, owner, costCenter, ttl, workers, powerState, tags
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(profile, forKey: .profile)
        try container.encodeIfPresent(version, forKey: .version)
        try container.encodeIfPresent(region, forKey: .region)
        try container.encodeIfPresent(baseDomain, forKey: .baseDomain)
        try container.encodeIfPresent(owner, forKey: .owner)
        try container.encodeIfPresent(costCenter, forKey: .costCenter)
        try container.encodeIfPresent(ttl, forKey: .ttl)
        try container.encodeIfPresent(workers, forKey: .workers)
        try container.encodeIfPresent(powerState, forKey: .powerState)
        try container.encodeSorted(tags, forKey: .tags)
    }
}

/// The power state a team asks for.
public struct PowerState: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public static let running = PowerState(rawValue: "Running")
    public static let hibernating = PowerState(rawValue: "Hibernating")
    /// Every value the API accepts.
    public static let allowed: [PowerState] = [.running, .hibernating]

    // Kept open (not an enum) so an unknown value decodes and policy reports it with its field path.
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public var isValid: Bool { Self.allowed.contains(self) }
}
