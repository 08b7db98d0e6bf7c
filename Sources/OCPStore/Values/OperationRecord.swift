public import OCPModel

/// An operation as stored: the model's record plus its request id and log text.
public struct OperationRecord: Sendable, Hashable {
    public var operation: Operation
    /// The API request that led to it, for tracing; nil for reconciler-initiated work.
    public var requestID: String?
    /// The provider's log, appended by heartbeats and the finish.
    public var log: String

    /// Creates a record.
    public init(operation: Operation, requestID: String? = nil, log: String = "") {
        self.operation = operation
        self.requestID = requestID
        self.log = log
    }
}

/// What the caller knows when an operation starts; the store assigns the id.
public struct NewOperation: Sendable, Hashable {
    public var clusterUID: String
    public var type: OperationType
    public var attempt: Int
    public var generation: Int64
    public var requestID: String?

    /// Creates a start request.
    public init(clusterUID: String, type: OperationType, attempt: Int = 1, generation: Int64, requestID: String? = nil) {
        self.clusterUID = clusterUID
        self.type = type
        self.attempt = attempt
        self.generation = generation
        self.requestID = requestID
    }
}
