/// What an external controller reports for one cluster (the original design's `controller_status` row).
public struct ControllerReport: Sendable, Hashable, Codable {
    /// The controller's name, e.g. `dns`: a DNS-1123 label.
    public var controllerName: String
    /// The cluster generation the controller last acted on.
    public var observedGeneration: Int64
    public var conditions: [ReportedCondition]
    /// Free-form facts the controller wants shown, e.g. the DNS record it made.
    public var metadata: [String: String]
    /// The controller's last error; any error makes the cluster Degraded.
    public var lastError: ControllerError?
    /// Set by the server when it stores the report.
    public var lastUpdateTime: Timestamp?

    /// Creates a report.
    public init(controllerName: String, observedGeneration: Int64, conditions: [ReportedCondition] = [], metadata: [String: String] = [:],
                lastError: ControllerError? = nil, lastUpdateTime: Timestamp? = nil) {
        self.controllerName = controllerName
        self.observedGeneration = observedGeneration
        self.conditions = conditions
        self.metadata = metadata
        self.lastError = lastError
        self.lastUpdateTime = lastUpdateTime
    }

    enum CodingKeys: String, CodingKey { case controllerName, observedGeneration, conditions, metadata, lastError, lastUpdateTime }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        controllerName = try container.decode(String.self, forKey: .controllerName)
        observedGeneration = try container.decode(Int64.self, forKey: .observedGeneration)
        conditions = try container.decodeIfPresent([ReportedCondition].self, forKey: .conditions) ?? []
        metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
        lastError = try container.decodeIfPresent(ControllerError.self, forKey: .lastError)
        lastUpdateTime = try container.decodeIfPresent(Timestamp.self, forKey: .lastUpdateTime)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(controllerName, forKey: .controllerName)
        try container.encode(observedGeneration, forKey: .observedGeneration)
        try container.encode(conditions, forKey: .conditions)
        try container.encodeSorted(metadata.isEmpty ? nil : metadata, forKey: .metadata)
        try container.encodeIfPresent(lastError, forKey: .lastError)
        try container.encodeIfPresent(lastUpdateTime, forKey: .lastUpdateTime)
    }

    /// True when this report says Available=True for `generation` without an error.
    public func isAvailable(at generation: Int64) -> Bool {
        observedGeneration == generation && lastError == nil && conditions.contains { $0.type == "Available" && $0.status == .true }
    }
}

/// A condition as a controller reports it; the server keeps it as sent.
public struct ReportedCondition: Sendable, Hashable, Codable {
    public var type: String
    public var status: ConditionStatus
    public var reason: String?
    public var message: String?

    /// Creates a condition.
    public init(type: String, status: ConditionStatus, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case type, status, reason, message }
}

/// A controller's last error.
public struct ControllerError: Sendable, Hashable, Codable {
    public var message: String
    public var reason: String?

    /// Creates an error.
    public init(message: String, reason: String? = nil) {
        self.message = message
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case message, reason }
}
