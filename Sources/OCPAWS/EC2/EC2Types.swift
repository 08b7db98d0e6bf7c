/// An EC2 instance's lifecycle state.
public enum EC2InstanceState: Sendable, Hashable, CustomStringConvertible {
    /// Launching or starting.
    case pending
    /// Running.
    case running
    /// Terminating.
    case shuttingDown
    /// Gone; still listed for a while.
    case terminated
    /// Stopping.
    case stopping
    /// Stopped; its volumes remain.
    case stopped
    /// A state name this client does not know.
    case other(String)

    /// Parses EC2's name, e.g. `shutting-down`.
    public init(name: String) {
        switch name {
        case "pending": self = .pending
        case "running": self = .running
        case "shutting-down": self = .shuttingDown
        case "terminated": self = .terminated
        case "stopping": self = .stopping
        case "stopped": self = .stopped
        default: self = .other(name)
        }
    }

    /// EC2's name for the state.
    public var name: String {
        switch self {
        case .pending: "pending"
        case .running: "running"
        case .shuttingDown: "shutting-down"
        case .terminated: "terminated"
        case .stopping: "stopping"
        case .stopped: "stopped"
        case .other(let name): name
        }
    }

    public var description: String { name }
}

/// One EC2 instance as DescribeInstances or RunInstances reports it.
public struct EC2Instance: Sendable, Hashable {
    /// The instance id, e.g. `i-0123456789abcdef0`.
    public let id: String
    /// The lifecycle state.
    public let state: EC2InstanceState
    /// The instance type, e.g. `m6i.xlarge`.
    public let instanceType: String?
    /// The AMI it was launched from.
    public let imageID: String?
    /// The private IPv4 address, when it has one.
    public let privateIPAddress: String?
    /// The tags by key.
    public let tags: [String: String]

    /// Creates an instance value.
    public init(id: String, state: EC2InstanceState, instanceType: String? = nil, imageID: String? = nil,
                privateIPAddress: String? = nil, tags: [String: String] = [:]) {
        self.id = id
        self.state = state
        self.instanceType = instanceType
        self.imageID = imageID
        self.privateIPAddress = privateIPAddress
        self.tags = tags
    }
}

/// An instance's state before and after Start, Stop or Terminate.
public struct EC2InstanceStateChange: Sendable, Hashable {
    /// The instance id.
    public let instanceID: String
    /// The state before the call.
    public let previousState: EC2InstanceState
    /// The state right after the call.
    public let currentState: EC2InstanceState

    /// Creates a value.
    public init(instanceID: String, previousState: EC2InstanceState, currentState: EC2InstanceState) {
        self.instanceID = instanceID
        self.previousState = previousState
        self.currentState = currentState
    }
}

/// A DescribeInstances filter, e.g. `tag:cluster` = `a`.
public struct EC2Filter: Sendable, Hashable {
    /// The filter name, e.g. `tag:Name`, `tag-key` or `instance-state-name`.
    public let name: String
    /// The values, any of which matches.
    public let values: [String]

    /// Creates a filter.
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// Instances whose tag `key` has one of `values`.
    public static func tag(_ key: String, _ values: String...) -> EC2Filter {
        EC2Filter(name: "tag:\(key)", values: values)
    }

    /// Instances that have tag `key`, whatever its value.
    public static func tagKey(_ key: String) -> EC2Filter {
        EC2Filter(name: "tag-key", values: [key])
    }

    /// Instances in one of `states`.
    public static func state(_ states: EC2InstanceState...) -> EC2Filter {
        EC2Filter(name: "instance-state-name", values: states.map(\.name))
    }
}
