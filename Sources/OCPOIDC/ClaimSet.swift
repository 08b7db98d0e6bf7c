import JWTKit

/// One JSON value of a token's header or payload.
enum ClaimValue: Sendable, Codable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([ClaimValue])
    case object([String: ClaimValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode([ClaimValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ClaimValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The value as a list of strings, a string being a list of one; nil for anything else.
    var strings: [String]? {
        switch self {
        case .string(let value):
            return [value]
        case .array(let values):
            let strings = values.compactMap { value -> String? in if case .string(let text) = value { text } else { nil } }
            return strings.count == values.count ? strings : nil
        default:
            return nil
        }
    }
}

/// Every claim of a token, kept by name, since which claims name the user and the groups is configuration.
/// jwt-kit checks the signature; the claims are checked afterwards against the server's own clock.
struct ClaimSet: JWTPayload, Equatable {
    var claims: [String: ClaimValue]

    init(from decoder: any Decoder) throws {
        claims = try decoder.singleValueContainer().decode([String: ClaimValue].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(claims)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}

    subscript(name: String) -> ClaimValue? { claims[name] }

    func string(_ name: String) -> String? {
        if case .string(let value)? = claims[name] { value } else { nil }
    }

    func number(_ name: String) -> Double? {
        if case .number(let value)? = claims[name] { value } else { nil }
    }
}

/// The fields of a token's header the verifier reads.
struct TokenHeader: Decodable {
    var alg: String?
    var kid: String?
}
