/// One cost sample for a cluster: what it was and what it cost per hour at one minute.
///
/// A sample carries the attributes reports group by, so a report still attributes a cluster's cost correctly
/// after the cluster is gone or its spec has changed.
public struct UsageSample: Sendable, Hashable, Codable {
    public var clusterUID: String
    /// The owning team.
    public var namespace: String
    public var time: Timestamp
    public var estimatedHourlyCost: Double
    public var powerState: PowerState
    public var clusterName: String
    public var profile: String
    public var platform: String
    public var owner: String
    public var costCenter: String
    public var controlPlaneNodes: Int
    public var workerNodes: Int

    /// Creates a sample.
    public init(clusterUID: String, namespace: String, time: Timestamp, estimatedHourlyCost: Double, powerState: PowerState,
                clusterName: String = "", profile: String = "", platform: String = "", owner: String = "", costCenter: String = "",
                controlPlaneNodes: Int = 0, workerNodes: Int = 0) {
        self.clusterUID = clusterUID
        self.namespace = namespace
        self.time = time
        self.estimatedHourlyCost = estimatedHourlyCost
        self.powerState = powerState
        self.clusterName = clusterName
        self.profile = profile
        self.platform = platform
        self.owner = owner
        self.costCenter = costCenter
        self.controlPlaneNodes = controlPlaneNodes
        self.workerNodes = workerNodes
    }
}

extension UsageSample {
    /// The sample for `cluster` at `minute`, priced by its profile: the running cost, or the hibernated share of it.
    public static func of(_ cluster: Cluster, uid: String, profile: Profile, poweredOn: Bool, at minute: Timestamp) -> UsageSample {
        UsageSample(clusterUID: uid, namespace: cluster.metadata.namespace ?? "default", time: minute,
                    estimatedHourlyCost: profile.costControls.hourlyCost(poweredOn: poweredOn),
                    powerState: poweredOn ? .running : .hibernating, clusterName: cluster.metadata.name, profile: profile.name,
                    platform: profile.platform.rawValue, owner: cluster.spec.owner ?? "", costCenter: cluster.spec.costCenter ?? "",
                    controlPlaneNodes: profile.compute.controlPlane.replicas,
                    workerNodes: cluster.spec.workers ?? profile.compute.workers.replicas)
    }
}
