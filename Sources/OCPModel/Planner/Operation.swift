/// The kinds of long-running cloud operation (the seeds' "jobs").
public enum OperationType: String, Sendable, Hashable, Codable, CaseIterable {
    case create = "Create"
    case scaleWorkers = "ScaleWorkers"
    case hibernate = "Hibernate"
    case resume = "Resume"
    case destroy = "Destroy"
}

/// Where an operation is in its life.
public enum OperationState: String, Sendable, Hashable, Codable, CaseIterable {
    case running = "Running"
    case succeeded = "Succeeded"
    case failed = "Failed"
}

/// A long-running cloud operation as recorded in the store.
public struct Operation: Sendable, Hashable, Codable {
    public var id: String
    public var clusterUID: String
    public var type: OperationType
    public var state: OperationState
    /// 1 for the first try of this type in a row, 2 for the retry after a failure, and so on.
    public var attempt: Int
    /// The spec generation the operation was started for.
    public var generation: Int64
    public var startedAt: Timestamp
    public var heartbeatAt: Timestamp?
    public var finishedAt: Timestamp?
    public var error: String?

    /// Creates an operation record.
    public init(
        id: String, clusterUID: String, type: OperationType, state: OperationState, attempt: Int = 1,
        generation: Int64, startedAt: Timestamp, heartbeatAt: Timestamp? = nil, finishedAt: Timestamp? = nil, error: String? = nil
    ) {
        self.id = id
        self.clusterUID = clusterUID
        self.type = type
        self.state = state
        self.attempt = attempt
        self.generation = generation
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.finishedAt = finishedAt
        self.error = error
    }

    /// The summary shown in `status.lastOperation`.
    public var summary: OperationSummary {
        OperationSummary(id: id, type: type, state: state, startedAt: startedAt, finishedAt: finishedAt, message: error)
    }
}

/// What the cloud has for one cluster, found by its tags. Absent (nil) when the cloud has nothing.
public struct ObservedCluster: Sendable, Hashable, Codable {
    public var infraID: String
    /// True once the install finished; false for an install in flight or the leftovers of a failed one.
    public var installed: Bool
    /// False while hibernated: instances stopped.
    public var poweredOn: Bool
    public var controlPlaneReady: Int
    public var workersReady: Int
    /// Every tagged resource: VPC, subnets, load balancers, DNS records, instances.
    public var resourceCount: Int
    public var apiURL: String?
    public var consoleURL: String?

    /// Creates an observation.
    public init(
        infraID: String, installed: Bool, poweredOn: Bool = true, controlPlaneReady: Int, workersReady: Int,
        resourceCount: Int, apiURL: String? = nil, consoleURL: String? = nil
    ) {
        self.infraID = infraID
        self.installed = installed
        self.poweredOn = poweredOn
        self.controlPlaneReady = controlPlaneReady
        self.workersReady = workersReady
        self.resourceCount = resourceCount
        self.apiURL = apiURL
        self.consoleURL = consoleURL
    }
}
