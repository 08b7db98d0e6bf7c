/// An operation as the original API's job.
public struct V1Job: Sendable, Hashable, Codable {
    public enum JobType: String, Sendable, Hashable, Codable, CaseIterable {
        case create = "CREATE", destroy = "DESTROY", scaleWorkers = "SCALE_WORKERS", hibernate = "HIBERNATE", resume = "RESUME"
    }

    public enum JobStatus: String, Sendable, Hashable, Codable, CaseIterable {
        case running = "RUNNING", succeeded = "SUCCEEDED", failed = "FAILED"
    }

    public var id: String
    public var clusterId: String
    public var type: JobType
    public var status: JobStatus
    public var attempt: Int
    public var startedAt: Timestamp
    public var finishedAt: Timestamp?
    public var error: String?

    /// The job view of `operation`.
    public init(_ operation: Operation) {
        id = operation.id
        clusterId = operation.clusterUID
        type = switch operation.type {
        case .create: .create
        case .destroy: .destroy
        case .scaleWorkers: .scaleWorkers
        case .hibernate: .hibernate
        case .resume: .resume
        }
        status = switch operation.state {
        case .running: .running
        case .succeeded: .succeeded
        case .failed: .failed
        }
        attempt = operation.attempt
        startedAt = operation.startedAt
        finishedAt = operation.finishedAt
        error = operation.error
    }
}

/// The original API's error body: a code, a message, and the fields at fault.
public struct V1ErrorBody: Sendable, Hashable, Codable {
    public struct Detail: Sendable, Hashable, Codable {
        public var code: String
        public var message: String
        public var fields: [FieldDetail]?
    }

    public struct FieldDetail: Sendable, Hashable, Codable {
        public var field: String
        public var message: String
    }

    public var error: Detail

    /// An error with `code` such as `INVALID_ARGUMENT`, and its fields.
    public init(code: String, message: String, fields: [FieldError] = []) {
        error = Detail(code: code, message: message,
                       fields: fields.isEmpty ? nil : fields.map { FieldDetail(field: $0.field, message: $0.message) })
    }
}
