public import OCPModel

/// One operation a controller asks the cloud to run.
public struct CloudOperationRequest: Sendable, Hashable {
    public var id: String
    public var type: OperationType
    public var target: CloudTarget
    /// The cluster's name, base domain and region, for DNS and placement.
    public var name: String
    public var baseDomain: String
    public var region: String
    public var controlPlaneReplicas: Int
    /// Worker count for Create and ScaleWorkers.
    public var workers: Int
    /// Tags applied to every resource besides the two ownership tags.
    public var tags: [String: String]
    /// The cluster and its profile, for drivers that render the installer's configuration from them; nil when unknown.
    public var cluster: Cluster?
    public var profile: Profile?

    public init(id: String, type: OperationType, target: CloudTarget, name: String, baseDomain: String, region: String,
                controlPlaneReplicas: Int = 3, workers: Int = 0, tags: [String: String] = [:], cluster: Cluster? = nil, profile: Profile? = nil) {
        self.id = id
        self.type = type
        self.target = target
        self.name = name
        self.baseDomain = baseDomain
        self.region = region
        self.controlPlaneReplicas = controlPlaneReplicas
        self.workers = workers
        self.tags = tags
        self.cluster = cluster
        self.profile = profile
    }
}

/// Where a cloud operation is.
public struct CloudOperationStatus: Sendable, Hashable {
    public var id: String
    public var type: OperationType
    public var state: OperationState
    /// Seconds since the epoch when it started, and when it is expected to finish or did.
    public var startedAt: Double
    public var completesAt: Double
    public var error: String?
    /// What the operation left in the artifact store, reported once it finished.
    public var artifacts: [CloudArtifact]

    public init(id: String, type: OperationType, state: OperationState, startedAt: Double, completesAt: Double, error: String? = nil,
                artifacts: [CloudArtifact] = []) {
        self.id = id
        self.type = type
        self.state = state
        self.startedAt = startedAt
        self.completesAt = completesAt
        self.error = error
        self.artifacts = artifacts
    }
}

/// A tagged cloud resource.
public struct CloudResource: Sendable, Hashable, Codable {
    public var id: String
    public var kind: ResourceKind
    public var name: String
    public var infraID: String
    public var state: String
    public var tags: [String: String]

    public init(id: String, kind: ResourceKind, name: String, infraID: String, state: String, tags: [String: String]) {
        self.id = id
        self.kind = kind
        self.name = name
        self.infraID = infraID
        self.state = state
        self.tags = tags
    }

    /// The uid of the cluster that owns it, from its tags.
    public var clusterUID: String? { tags[CloudTags.clusterUID] }

    /// The platform of the cluster that owns it, from its tags.
    public var platform: String? { tags[CloudTags.platform] }
}

/// The kinds of resource a cluster is made of.
public enum ResourceKind: String, Sendable, Hashable, Codable, CaseIterable {
    case vpc = "VPC"
    case subnet = "Subnet"
    case loadBalancer = "LoadBalancer"
    case dnsRecord = "DNSRecord"
    case bootstrapInstance = "BootstrapInstance"
    case controlPlaneInstance = "ControlPlaneInstance"
    case workerInstance = "WorkerInstance"

    /// Instances make a cluster observable; network leftovers alone do not.
    public var isInstance: Bool {
        self == .bootstrapInstance || self == .controlPlaneInstance || self == .workerInstance
    }
}

/// How to reach an installed cluster.
public struct CloudOutputs: Sendable, Hashable, Codable {
    public var apiURL: String
    public var consoleURL: String
    public var kubeconfig: String
    /// Where the kubeconfig is kept, for the store (which keeps references, not credentials).
    public var kubeconfigRef: String
    /// Where the kubeadmin password is kept; never the password itself.
    public var kubeadminPasswordRef: String

    public init(apiURL: String, consoleURL: String, kubeconfig: String, kubeconfigRef: String, kubeadminPasswordRef: String) {
        self.apiURL = apiURL
        self.consoleURL = consoleURL
        self.kubeconfig = kubeconfig
        self.kubeconfigRef = kubeconfigRef
        self.kubeadminPasswordRef = kubeadminPasswordRef
    }
}
