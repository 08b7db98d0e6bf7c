/// Identifies one idempotent request: keys are scoped to the caller.
public struct IdempotencyKey: Sendable, Hashable, CustomStringConvertible {
    public var caller: String
    public var key: String

    /// Creates a key.
    public init(caller: String, key: String) {
        self.caller = caller
        self.key = key
    }

    public var description: String { "\(caller)/\(key)" }
}

/// The first response to an idempotent request, replayed for repeats.
public struct IdempotentResponse: Sendable, Hashable {
    public var statusCode: Int
    public var body: [UInt8]

    /// Creates a response.
    public init(statusCode: Int, body: [UInt8]) {
        self.statusCode = statusCode
        self.body = body
    }
}

/// What `beginIdempotentRequest` found.
public enum IdempotencyBegin: Sendable, Hashable {
    /// First time (or the old record expired): the caller runs the request, then completes or abandons the key.
    case new
    /// Another request with this key and body is still running (HTTP 409).
    case inFlight
    /// Done before: replay this response.
    case completed(IdempotentResponse)
    /// The key was used with another request body (HTTP 422).
    case mismatch
}
