/// A failed AWS call: which service and operation, and what AWS (or the connection) said.
public struct AWSError: Error, Sendable, CustomStringConvertible {
    /// The service's signing name, e.g. `ec2`.
    public let service: String
    /// The operation, e.g. `DescribeInstances`.
    public let operation: String
    /// The HTTP status, nil when no answer came.
    public let statusCode: Int?
    /// The AWS error code, e.g. `InvalidInstanceID.NotFound`, or `ConnectionError` when no answer came.
    public let code: String
    /// AWS's message, or the transport's.
    public let message: String
    /// AWS's request id, for support cases.
    public let requestID: String?
    /// How many attempts were made before giving up.
    public let attempts: Int

    /// Creates an error.
    public init(service: String, operation: String, statusCode: Int?, code: String, message: String, requestID: String?,
                attempts: Int) {
        self.service = service
        self.operation = operation
        self.statusCode = statusCode
        self.code = code
        self.message = message
        self.requestID = requestID
        self.attempts = attempts
    }

    /// The codes AWS services use for "slow down".
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "SlowDown", "TooManyRequestsException",
        "RequestThrottled", "RequestThrottledException", "ProvisionedThroughputExceededException", "EC2ThrottledException",
    ]

    /// Whether AWS asked to slow down.
    public var isThrottling: Bool {
        statusCode == 429 || Self.throttlingCodes.contains(code)
    }

    /// Whether a retry may succeed: throttling, 5xx, or no answer at all.
    public var isRetryable: Bool {
        if isThrottling { return true }
        guard let statusCode else { return true }
        return statusCode >= 500 && statusCode <= 599
    }

    public var description: String {
        var text = "\(service) \(operation) failed"
        if let statusCode { text += " (HTTP \(statusCode))" }
        text += ": \(code): \(message)"
        if let requestID { text += " [request id \(requestID)]" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }

    /// The same error with the attempt count set.
    func after(attempts: Int) -> AWSError {
        AWSError(service: service, operation: operation, statusCode: statusCode, code: code, message: message,
                 requestID: requestID, attempts: attempts)
    }
}
