/// A Kubernetes `Status` object: how the API reports every error.
public struct StatusDocument: Sendable, Hashable, Codable, Error, CustomStringConvertible {
    /// Why a request failed, in Kubernetes' `StatusReason` vocabulary.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        case badRequest = "BadRequest"
        case unauthorized = "Unauthorized"
        case forbidden = "Forbidden"
        case notFound = "NotFound"
        case alreadyExists = "AlreadyExists"
        case conflict = "Conflict"
        case invalid = "Invalid"
        case methodNotAllowed = "MethodNotAllowed"
        case requestEntityTooLarge = "RequestEntityTooLarge"
        case notAcceptable = "NotAcceptable"
        case unsupportedMediaType = "UnsupportedMediaType"
        case internalError = "InternalError"
        case serviceUnavailable = "ServiceUnavailable"
        /// 410: the resourceVersion asked for is older than the change history kept.
        case expired = "Expired"
        /// 504: the resourceVersion asked for is newer than the store has reached.
        case timeout = "Timeout"
    }

    /// One field problem: `StatusCause`.
    public struct Cause: Sendable, Hashable, Codable {
        public var reason: String
        public var message: String
        public var field: String?

        /// Creates a cause.
        public init(reason: String, message: String, field: String?) {
            self.reason = reason
            self.message = message
            self.field = field
        }

        /// The cause for a decoding or policy error.
        public init(_ error: FieldError) {
            self.init(reason: error.reason.rawValue, message: error.message, field: error.field.isEmpty ? nil : error.field)
        }
    }

    /// What the error is about: `StatusDetails`.
    public struct Details: Sendable, Hashable, Codable {
        public var name: String?
        public var group: String?
        public var kind: String?
        public var causes: [Cause]?

        /// Creates details.
        public init(name: String? = nil, group: String? = nil, kind: String? = nil, causes: [Cause]? = nil) {
            self.name = name
            self.group = group
            self.kind = kind
            self.causes = causes
        }
    }

    public var apiVersion: String = "v1"
    public var kind: String = "Status"
    public var status: String = "Failure"
    public var message: String
    public var reason: Reason
    public var details: Details?
    public var code: Int

    /// Creates a failure status.
    public init(code: Int, reason: Reason, message: String, details: Details? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public var description: String {
        var text = "Error from server (\(reason.rawValue)): \(message)"
        for cause in details?.causes ?? [] where !message.contains(cause.message) {
            text += "\n  \(cause.field.map { "\($0): " } ?? "")\(cause.message)"
        }
        return text
    }
}
