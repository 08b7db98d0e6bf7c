/// The `install-config.yaml` that `openshift-install` reads, for the fields ocpctl sets.
struct InstallConfig: Encodable {
    var apiVersion = "v1"
    var baseDomain: String
    var credentialsMode: String?
    var metadata: Metadata
    var compute: [MachinePool]
    var controlPlane: MachinePool
    var networking: Networking
    var platform: PlatformSection
    var publish: String
    var pullSecret: String
    var sshKey: String?

    struct Metadata: Encodable { var name: String }

    struct MachinePool: Encodable {
        var name: String
        var architecture = "amd64"
        var hyperthreading = "Enabled"
        var replicas: Int
        var platform: MachinePlatform
    }

    struct MachinePlatform: Encodable {
        var aws: AWSMachine?
        var ibmcloud: IBMMachine?
    }

    struct AWSMachine: Encodable {
        var type: String
        var rootVolume: RootVolume?
        struct RootVolume: Encodable {
            var size: Int?
            var type: String?
        }
    }

    struct IBMMachine: Encodable { var type: String }

    struct Networking: Encodable {
        var networkType: String
        var clusterNetwork: [ClusterNetwork]
        var machineNetwork: [CIDR]
        var serviceNetwork: [String]
        struct ClusterNetwork: Encodable {
            var cidr: String
            var hostPrefix: Int
        }
        struct CIDR: Encodable { var cidr: String }
    }

    struct PlatformSection: Encodable {
        var aws: AWSPlatform?
        var ibmcloud: IBMPlatform?
    }

    struct AWSPlatform: Encodable {
        var region: String
        var userTags: [String: String]?
        enum CodingKeys: String, CodingKey { case region, userTags }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(region, forKey: .region)
            try container.encodeSorted(userTags, forKey: .userTags)
        }
    }

    struct IBMPlatform: Encodable {
        var region: String
        var resourceGroupName: String?
    }
}
