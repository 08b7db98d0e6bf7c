public import OCPModel

/// A cloud account that can host clusters: the one protocol every driver implements (architecture.md §4).
///
/// Every mutation is idempotent by operation id, and everything a driver creates is tagged with the
/// cluster's infraID and uid, so a controller that crashed between "started" and "recorded" observes
/// the tags first and never creates a second cluster.
public protocol CloudProvider: Sendable {
    /// What the cloud has for this cluster, or nil when it has nothing.
    func observe(_ target: CloudTarget) async throws -> ObservedCluster?

    /// Starts an operation; starting an id that already exists does nothing and returns its status.
    @discardableResult
    func start(_ request: CloudOperationRequest) async throws -> CloudOperationStatus

    /// The status of an operation started earlier, or nil when the cloud never saw it.
    func operation(id: String) async throws -> CloudOperationStatus?

    /// Every resource carrying `key` (with `value`, when given), for the orphan sweep.
    func resources(taggedWith key: String, value: String?) async throws -> [CloudResource]

    /// Deletes resources by id (the orphan sweep's cleanup); missing ids are ignored.
    func deleteResources(ids: [String]) async throws

    /// Access details of an installed cluster; the kubeadmin password is only ever a reference.
    func outputs(_ target: CloudTarget) async throws -> CloudOutputs?

    /// Why clusters of `platform` cannot be served here, or nil when they can.
    func unavailableReason(platform: String) -> String?

    /// What an output reference of this driver points at (a kubeconfig, a kubeadmin password), or nil when the
    /// reference is not this driver's. Only the API calls this, for callers it has authorized, and audits it.
    func readOutput(ref: String) async throws -> String?
}

extension CloudProvider {
    /// A single driver serves whatever it is given.
    public func unavailableReason(platform: String) -> String? { nil }

    /// A driver that keeps no outputs reads none.
    public func readOutput(ref: String) async throws -> String? { nil }
}

/// Which cluster a call is about.
public struct CloudTarget: Sendable, Hashable {
    public var clusterUID: String
    public var infraID: String
    /// The cluster's profile platform (`aws`), which picks the driver; nil for the default driver.
    public var platform: String?

    public init(clusterUID: String, infraID: String, platform: String? = nil) {
        self.clusterUID = clusterUID
        self.infraID = infraID
        self.platform = platform
    }
}

/// The tag keys every cloud resource carries.
public enum CloudTags {
    /// `kubernetes.io/cluster/<infraID>: owned`, as openshift-install tags.
    public static func ownership(_ infraID: String) -> String { "kubernetes.io/cluster/\(infraID)" }
    public static let owned = "owned"
    /// `ocpctl.io/cluster-uid: <uid>`.
    public static let clusterUID = "ocpctl.io/cluster-uid"
    /// `ocpctl.io/platform: <aws|gcp|...>`, the cluster's profile platform, so leftovers can be counted by platform.
    public static let platform = "ocpctl.io/platform"
}
