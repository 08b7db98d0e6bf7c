/// What the control plane last observed and did.
public struct ClusterStatus: Sendable, Hashable, Codable {
    /// The `metadata.generation` this status was computed from.
    public var observedGeneration: Int64?
    public var phase: ClusterPhase?
    public var conditions: [Condition]
    /// The cloud-side identity of this cluster; every cloud resource is tagged with it.
    public var infraID: String?
    public var apiURL: String?
    public var consoleURL: String?
    public var workers: WorkerStatus?
    /// `creationTimestamp + spec.ttl`.
    public var expiresAt: Timestamp?
    /// Create attempts for the current generation.
    public var provisionAttempts: Int?
    public var lastOperation: OperationSummary?
    /// The next scheduled power transition.
    public var hibernation: HibernationStatus?
    /// What external controllers reported, aggregated by `ControllerAggregation` (architecture.md §9).
    public var controllers: [ControllerReport]?
    /// Controllers ready at the current generation over those required or reporting, e.g. `2/3`.
    public var controllersReady: String?

    /// An empty status.
    public init() {
        conditions = []
    }

    enum CodingKeys: String, CodingKey {
        case observedGeneration, phase, conditions, infraID, apiURL, consoleURL, workers
        case expiresAt, provisionAttempts, lastOperation, hibernation, controllers, controllersReady
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        phase = try container.decodeIfPresent(ClusterPhase.self, forKey: .phase)
        conditions = try container.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
        infraID = try container.decodeIfPresent(String.self, forKey: .infraID)
        apiURL = try container.decodeIfPresent(String.self, forKey: .apiURL)
        consoleURL = try container.decodeIfPresent(String.self, forKey: .consoleURL)
        workers = try container.decodeIfPresent(WorkerStatus.self, forKey: .workers)
        expiresAt = try container.decodeIfPresent(Timestamp.self, forKey: .expiresAt)
        provisionAttempts = try container.decodeIfPresent(Int.self, forKey: .provisionAttempts)
        lastOperation = try container.decodeIfPresent(OperationSummary.self, forKey: .lastOperation)
        hibernation = try container.decodeIfPresent(HibernationStatus.self, forKey: .hibernation)
        controllers = try container.decodeIfPresent([ControllerReport].self, forKey: .controllers)
        controllersReady = try container.decodeIfPresent(String.self, forKey: .controllersReady)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
        try container.encodeIfPresent(phase, forKey: .phase)
        if !conditions.isEmpty { try container.encode(conditions, forKey: .conditions) }
        try container.encodeIfPresent(infraID, forKey: .infraID)
        try container.encodeIfPresent(apiURL, forKey: .apiURL)
        try container.encodeIfPresent(consoleURL, forKey: .consoleURL)
        try container.encodeIfPresent(workers, forKey: .workers)
        try container.encodeIfPresent(expiresAt, forKey: .expiresAt)
        try container.encodeIfPresent(provisionAttempts, forKey: .provisionAttempts)
        try container.encodeIfPresent(lastOperation, forKey: .lastOperation)
        try container.encodeIfPresent(hibernation, forKey: .hibernation)
        try container.encodeIfPresent(controllers, forKey: .controllers)
        try container.encodeIfPresent(controllersReady, forKey: .controllersReady)
    }
}

/// The coarse life-cycle phase of a cluster.
public enum ClusterPhase: String, Sendable, Hashable, Codable, CaseIterable {
    case pending = "Pending"
    case provisioning = "Provisioning"
    case running = "Running"
    case hibernating = "Hibernating"
    case hibernated = "Hibernated"
    case resuming = "Resuming"
    case destroying = "Destroying"
    case failed = "Failed"
}

/// Desired and ready worker counts.
public struct WorkerStatus: Sendable, Hashable, Codable {
    public var desired: Int
    public var ready: Int
    public init(desired: Int, ready: Int) {
        self.desired = desired
        self.ready = ready
    }
    enum CodingKeys: String, CodingKey { case desired, ready }
}

/// The last operation the reconciler started, as shown in status.
public struct OperationSummary: Sendable, Hashable, Codable {
    public var id: String?
    public var type: OperationType
    public var state: OperationState
    public var startedAt: Timestamp
    public var finishedAt: Timestamp?
    public var message: String?

    /// Creates a summary.
    public init(id: String? = nil, type: OperationType, state: OperationState, startedAt: Timestamp,
                finishedAt: Timestamp? = nil, message: String? = nil) {
        self.id = id
        self.type = type
        self.state = state
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case id, type, state, startedAt, finishedAt, message }
}
