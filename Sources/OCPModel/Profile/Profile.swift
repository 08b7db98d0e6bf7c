/// A cluster profile: the platform, the allowlists and defaults, and the policy a cluster must meet.
///
/// Its fields live in one shared immutable box, so copying a profile (which the planner does on
/// every decision) costs one retain instead of one per string; writes replace the box.
@dynamicMemberLookup
public struct Profile: Sendable, Hashable, Codable {
    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// Creates a profile from its fields.
    public init(_ fields: Fields) { box = Box(fields) }

    /// All fields, as one value.
    public var fields: Fields {
        get { box.fields }
        set { box = Box(newValue) }
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: keyPath] }
        set {
            var fields = box.fields
            fields[keyPath: keyPath] = newValue
            box = Box(fields)
        }
    }

    public static func == (lhs: Profile, rhs: Profile) -> Bool { lhs.box === rhs.box || lhs.fields == rhs.fields }
    public func hash(into hasher: inout Hasher) { hasher.combine(fields) }
    public init(from decoder: any Decoder) throws { box = Box(try Fields(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
}

extension Profile {
    /// The fields of a profile file.
    public struct Fields: Sendable, Hashable, Codable {
    public var name: String
    public var displayName: String?
    public var description: String?
    public var platform: Platform
    public var enabled: Bool
    public var openshiftVersions: Allowlist
    public var regions: Allowlist
    public var baseDomains: Allowlist
    public var compute: Compute
    public var lifecycle: Lifecycle
    public var tags: Tags?
    public var costControls: CostControls
    public var networking: Networking?
    public var platformConfig: PlatformConfig?
    /// Default hibernation schedules for clusters that set none.
    public var hibernation: Hibernation?
    /// External controllers that must report Available=True at the current generation before a cluster is Ready.
    public var requiredControllers: [String]?

    enum CodingKeys: String, CodingKey {
        case name, displayName, description, platform, enabled, openshiftVersions, regions, baseDomains
        case compute, lifecycle, tags, costControls, networking, platformConfig, hibernation, requiredControllers
    }
    }

    /// The cloud a profile targets.
    public enum Platform: String, Sendable, Hashable, Codable, CaseIterable {
        case aws
        case ibmcloud
    }

    /// Allowed values and the default among them.
    public struct Allowlist: Sendable, Hashable, Codable {
        public var allowlist: [String]
        public var `default`: String
        public init(allowlist: [String], default value: String) {
            self.allowlist = allowlist
            self.default = value
        }
        enum CodingKeys: String, CodingKey { case allowlist, `default` }
    }

    public struct Compute: Sendable, Hashable, Codable {
        public var controlPlane: ControlPlane
        public var workers: Workers
        enum CodingKeys: String, CodingKey { case controlPlane, workers }
    }

    public struct ControlPlane: Sendable, Hashable, Codable {
        public var replicas: Int
        public var instanceType: String
        public var schedulable: Bool?
        enum CodingKeys: String, CodingKey { case replicas, instanceType, schedulable }
    }

    public struct Workers: Sendable, Hashable, Codable {
        public var replicas: Int
        public var minReplicas: Int
        public var maxReplicas: Int
        public var instanceType: String
        enum CodingKeys: String, CodingKey { case replicas, minReplicas, maxReplicas, instanceType }
    }

    public struct Lifecycle: Sendable, Hashable, Codable {
        public var maxTTLHours: Int
        public var defaultTTLHours: Int
        public var allowCustomTTL: Bool
        public var warnBeforeDestroyHours: Int
        /// Create attempts per spec generation before the cluster is marked Failed.
        public var maxProvisionAttempts: Int?
        enum CodingKeys: String, CodingKey {
            case maxTTLHours, defaultTTLHours, allowCustomTTL, warnBeforeDestroyHours, maxProvisionAttempts
        }

        /// The attempt limit, 3 when the profile does not say.
        public var provisionAttemptLimit: Int { maxProvisionAttempts ?? 3 }
    }

    /// A profile's default hibernation schedules.
    public struct Hibernation: Sendable, Hashable, Codable {
        public var schedules: [HibernationSchedule]?
        /// Creates a profile's hibernation defaults.
        public init(schedules: [HibernationSchedule]?) { self.schedules = schedules }
        enum CodingKeys: String, CodingKey { case schedules }
    }

    public struct Tags: Sendable, Hashable, Codable {
        /// Tag keys every cluster must set in `spec.tags`.
        public var required: [String]?
        /// Tags added to every cluster; the cluster's own tags win.
        public var defaults: [String: String]?
        enum CodingKeys: String, CodingKey { case required, defaults }
    }

    public struct CostControls: Sendable, Hashable, Codable {
        public var estimatedHourlyCost: Double
        public var currency: String?
        /// The share of the hourly cost a hibernated cluster still costs (its disks and addresses); 0.1 when unset.
        public var hibernatedCostFraction: Double?
        enum CodingKeys: String, CodingKey { case estimatedHourlyCost, currency, hibernatedCostFraction }

        /// The hourly cost while running, or while hibernated.
        public func hourlyCost(poweredOn: Bool) -> Double {
            poweredOn ? estimatedHourlyCost : estimatedHourlyCost * (hibernatedCostFraction ?? 0.1)
        }
    }

    public struct Networking: Sendable, Hashable, Codable {
        public var networkType: String?
        public var clusterNetworkCIDR: String?
        public var clusterNetworkHostPrefix: Int?
        public var machineNetworkCIDR: String?
        public var serviceNetworkCIDR: String?
        enum CodingKeys: String, CodingKey {
            case networkType, clusterNetworkCIDR, clusterNetworkHostPrefix, machineNetworkCIDR, serviceNetworkCIDR
        }
    }

    /// Settings that only one platform understands.
    public struct PlatformConfig: Sendable, Hashable, Codable {
        public var aws: AWS?
        public var ibmcloud: IBMCloud?
        enum CodingKeys: String, CodingKey { case aws, ibmcloud }

        public struct AWS: Sendable, Hashable, Codable {
            public var rootVolumeType: String?
            public var rootVolumeSizeGiB: Int?
            public var publish: String?
            enum CodingKeys: String, CodingKey { case rootVolumeType, rootVolumeSizeGiB, publish }
        }

        public struct IBMCloud: Sendable, Hashable, Codable {
            public var resourceGroupName: String?
            public var credentialsMode: String?
            enum CodingKeys: String, CodingKey { case resourceGroupName, credentialsMode }
        }
    }
}
