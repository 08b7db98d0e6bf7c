/// One problem with one field, in the shape of a Kubernetes `StatusCause`: field path, reason, message.
///
/// Decoding and policy both report these, so the CLI and the API print them the same way.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Kubernetes cause types, plus the two that only decoding raises.
    public enum Reason: String, Sendable, Hashable, Codable {
        case syntax = "SyntaxError"
        case unknownField = "FieldValueUnknown"
        case wrongType = "FieldValueTypeInvalid"
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case duplicate = "FieldValueDuplicate"
        case notSupported = "FieldValueNotSupported"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
    }

    public var reason: Reason
    /// Dotted field path (`spec.workers`); empty for the document itself.
    public var field: String
    public var message: String
    /// 1-based line in the source text, when known.
    public var line: Int?

    /// Creates a field error.
    public init(reason: Reason, field: String, message: String, line: Int? = nil) {
        self.reason = reason
        self.field = field
        self.message = message
        self.line = line
    }

    public var description: String {
        field.isEmpty ? message : "\(field): \(message)"
    }
}

/// Several field errors reported at once.
public struct ValidationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "; ") }
}
