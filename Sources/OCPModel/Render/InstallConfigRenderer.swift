internal import Yams

/// Renders a cluster's `install-config.yaml` from its profile.
///
/// Secrets come in as parameters and never from the spec, so a stored cluster never holds one.
public enum InstallConfigRenderer {
    /// Secrets the installer needs.
    public struct Secrets: Sendable {
        public var pullSecret: String
        public var sshPublicKey: String?
        public init(pullSecret: String, sshPublicKey: String?) {
            self.pullSecret = pullSecret
            self.sshPublicKey = sshPublicKey
        }

        /// A pull secret that is obviously not one, for previews.
        public static let placeholder = Secrets(pullSecret: #"{"auths":{"cloud.openshift.com":{"auth":"REDACTED"}}}"#, sshPublicKey: nil)
    }

    /// The YAML text; the cluster is defaulted from the profile first.
    public static func render(_ cluster: Cluster, profile: Profile, secrets: Secrets) throws -> String {
        let spec = cluster.spec.defaulted(by: profile)
        let networking = profile.networking
        let workers = profile.compute.workers
        let controlPlane = profile.compute.controlPlane
        let tags = spec.effectiveTags(profile: profile).merging(["ocpctl.io/cluster": cluster.metadata.name]) { own, _ in own }
        let config: InstallConfig
        switch profile.platform {
        case .aws:
            let aws = profile.platformConfig?.aws
            let rootVolume = (aws?.rootVolumeSizeGiB != nil || aws?.rootVolumeType != nil)
                ? InstallConfig.AWSMachine.RootVolume(size: aws?.rootVolumeSizeGiB, type: aws?.rootVolumeType) : nil
            config = InstallConfig(
                baseDomain: spec.baseDomain ?? "",
                metadata: .init(name: cluster.metadata.name),
                compute: [.init(name: "worker", replicas: spec.workers ?? workers.replicas,
                                platform: .init(aws: .init(type: workers.instanceType, rootVolume: rootVolume)))],
                controlPlane: .init(name: "master", replicas: controlPlane.replicas,
                                    platform: .init(aws: .init(type: controlPlane.instanceType, rootVolume: rootVolume))),
                networking: makeNetworking(networking),
                platform: .init(aws: .init(region: spec.region ?? "", userTags: tags.isEmpty ? nil : tags)),
                publish: aws?.publish ?? "External",
                pullSecret: secrets.pullSecret,
                sshKey: secrets.sshPublicKey)
        case .ibmcloud:
            let ibm = profile.platformConfig?.ibmcloud
            config = InstallConfig(
                baseDomain: spec.baseDomain ?? "",
                credentialsMode: ibm?.credentialsMode ?? "Manual",
                metadata: .init(name: cluster.metadata.name),
                compute: [.init(name: "worker", replicas: spec.workers ?? workers.replicas,
                                platform: .init(ibmcloud: .init(type: workers.instanceType)))],
                controlPlane: .init(name: "master", replicas: controlPlane.replicas,
                                    platform: .init(ibmcloud: .init(type: controlPlane.instanceType))),
                networking: makeNetworking(networking),
                platform: .init(ibmcloud: .init(region: spec.region ?? "", resourceGroupName: ibm?.resourceGroupName)),
                publish: "External",
                pullSecret: secrets.pullSecret,
                sshKey: secrets.sshPublicKey)
        }
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = false
        return try encoder.encode(config)
    }

    private static func makeNetworking(_ networking: Profile.Networking?) -> InstallConfig.Networking {
        InstallConfig.Networking(
            networkType: networking?.networkType ?? "OVNKubernetes",
            clusterNetwork: [.init(cidr: networking?.clusterNetworkCIDR ?? "10.128.0.0/14",
                                   hostPrefix: networking?.clusterNetworkHostPrefix ?? 23)],
            machineNetwork: [.init(cidr: networking?.machineNetworkCIDR ?? "10.0.0.0/16")],
            serviceNetwork: [networking?.serviceNetworkCIDR ?? "172.30.0.0/16"])
    }
}
