internal import Yams

/// What an untagged YAML scalar resolves to under the YAML 1.2 core schema.
enum ScalarKind: String {
    case null, bool, int, float, string

    /// Classifies a scalar without regular expressions; quoted and block scalars are always strings.
    init(_ scalar: Node.Scalar) {
        switch scalar.style {
        case .singleQuoted, .doubleQuoted, .literal, .folded:
            self = .string
            return
        case .any, .plain:
            break
        }
        self = Self.classify(plain: scalar.string)
    }

    static func classify(plain text: String) -> ScalarKind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN": return .float
        default: break
        }
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var previous: UInt8 = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard offset == 0 || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return .string }
            case UInt8(ascii: "."):
                guard !sawDot, !sawExponent else { return .string }
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, !sawExponent else { return .string }
                sawExponent = true
            default:
                return .string
            }
            previous = byte
        }
        guard sawDigit else { return .string }
        return sawDot || sawExponent ? .float : .int
    }

    /// How error messages name this kind.
    var noun: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .float: "a number"
        case .string: "a string"
        }
    }
}
