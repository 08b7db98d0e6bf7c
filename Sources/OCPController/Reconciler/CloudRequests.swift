import OCPCloud
import OCPModel

/// Builds what the cloud needs to run an operation, from the cluster and its profile.
enum CloudRequests {
    static func target(for cluster: Cluster, uid: String, profile: Profile?) -> CloudTarget {
        CloudTarget(clusterUID: uid, infraID: cluster.status?.infraID ?? InfraID.make(name: cluster.metadata.name, uid: uid),
                    platform: profile?.platform.rawValue)
    }

    static func request(id: String, type: OperationType, cluster: Cluster, uid: String, profile: Profile?) -> CloudOperationRequest {
        let spec = profile.map { cluster.spec.defaulted(by: $0) } ?? cluster.spec
        var tags = profile.map { spec.effectiveTags(profile: $0) } ?? (spec.tags ?? [:])
        tags["ocpctl.io/namespace"] = cluster.metadata.namespace ?? "default"
        tags["ocpctl.io/name"] = cluster.metadata.name
        if let profile { tags[CloudTags.platform] = profile.platform.rawValue }
        return CloudOperationRequest(
            id: id, type: type, target: target(for: cluster, uid: uid, profile: profile), name: cluster.metadata.name,
            baseDomain: spec.baseDomain ?? "", region: spec.region ?? "",
            controlPlaneReplicas: profile?.compute.controlPlane.replicas ?? 3, workers: spec.workers ?? 0, tags: tags,
            cluster: cluster, profile: profile)
    }
}
