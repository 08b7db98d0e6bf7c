/// The original REST API's cluster status enum, mapped from the declarative phase.
public enum V1ClusterStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending = "PENDING", creating = "CREATING", ready = "READY", hibernating = "HIBERNATING", hibernated = "HIBERNATED"
    case resuming = "RESUMING", destroying = "DESTROYING", destroyed = "DESTROYED", failed = "FAILED"

    /// The status a cluster shows: its phase in the original's words.
    public init(_ cluster: Cluster) {
        if cluster.metadata.deletionTimestamp != nil {
            self = .destroying
            return
        }
        switch cluster.status?.phase {
        case nil, .pending?: self = .pending
        case .provisioning?: self = .creating
        case .running?: self = .ready
        case .hibernating?: self = .hibernating
        case .hibernated?: self = .hibernated
        case .resuming?: self = .resuming
        case .destroying?: self = .destroying
        case .failed?: self = .failed
        }
    }
}

/// `POST /api/v1/clusters`: the original create body.
public struct V1CreateClusterRequest: Sendable, Hashable, Codable {
    public var name: String
    public var platform: String
    public var version: String?
    public var profile: String
    public var region: String?
    public var baseDomain: String?
    public var owner: String?
    public var team: String
    public var costCenter: String?
    public var ttlHours: Int?

    /// The declarative Cluster this request stands for, in the team's namespace.
    public func cluster() -> Cluster {
        var spec = ClusterSpec(profile: profile)
        spec.version = version
        spec.region = region
        spec.baseDomain = baseDomain
        spec.owner = owner
        spec.costCenter = costCenter
        spec.ttl = ttlHours.flatMap { TTLDuration("\($0)h") }
        return Cluster(metadata: ObjectMeta(name: name, namespace: team), spec: spec)
    }

    /// What the declarative admission cannot see: the platform must be the profile's, and ttlHours positive.
    public func validate(profiles: ProfileCatalog) -> [FieldError] {
        var errors: [FieldError] = []
        if let profile = profiles[profile], profile.platform.rawValue != platform {
            errors.append(FieldError(reason: .invalid, field: "platform",
                                     message: "profile \"\(self.profile)\" is for platform \"\(profile.platform.rawValue)\", not \"\(platform.prefix(64))\""))
        }
        if let ttlHours, !(1...8760).contains(ttlHours) {
            errors.append(FieldError(reason: .invalid, field: "ttlHours", message: "must be between 1 and 8760 hours, got \(ttlHours)"))
        }
        return errors
    }
}

/// `POST /api/v1/clusters/{id}/scale-workers`.
public struct V1ScaleWorkersRequest: Sendable, Hashable, Codable {
    public var workers: Int
}

/// A cluster as the original API shows it.
public struct V1Cluster: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var platform: String
    public var version: String?
    public var profile: String
    public var region: String?
    public var baseDomain: String?
    public var owner: String?
    public var team: String
    public var costCenter: String?
    public var workers: Int?
    public var status: V1ClusterStatus
    public var ttlHours: Int?
    public var createdAt: Timestamp?
    public var destroyAt: Timestamp?
    public var apiUrl: String?
    public var consoleUrl: String?
    /// The latest operation, readable at `/api/v1/jobs/{id}`.
    public var lastJobId: String?

    /// The original view of `cluster`, whose profile is on `platform`.
    public init(_ cluster: Cluster, platform: String) {
        id = cluster.metadata.uid ?? ""
        name = cluster.metadata.name
        self.platform = platform
        version = cluster.spec.version
        profile = cluster.spec.profile
        region = cluster.spec.region
        baseDomain = cluster.spec.baseDomain
        owner = cluster.spec.owner
        team = cluster.metadata.namespace ?? "default"
        costCenter = cluster.spec.costCenter
        workers = cluster.spec.workers
        status = V1ClusterStatus(cluster)
        ttlHours = cluster.spec.ttl.map { Int(($0.seconds + 3599) / 3600) }
        createdAt = cluster.metadata.creationTimestamp
        destroyAt = cluster.status?.expiresAt
        apiUrl = cluster.status?.apiURL
        consoleUrl = cluster.status?.consoleURL
        lastJobId = cluster.status?.lastOperation?.id
    }
}

/// `GET /api/v1/clusters`: one page.
public struct V1ClusterList: Sendable, Hashable, Codable {
    public var clusters: [V1Cluster]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(clusters: [V1Cluster], total: Int, limit: Int, offset: Int) {
        self.clusters = clusters
        self.total = total
        self.limit = limit
        self.offset = offset
    }
}
