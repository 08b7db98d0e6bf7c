/// A bound parameter or a result cell, in SQLite's five storage classes.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension SQLiteValue {
    /// The integer, or a real truncated; nil for anything else.
    public var integer: Int64? {
        switch self {
        case let .integer(value): value
        case let .real(value): Int64(value)
        default: nil
        }
    }

    /// The real, or an integer widened; nil for anything else.
    public var real: Double? {
        switch self {
        case let .real(value): value
        case let .integer(value): Double(value)
        default: nil
        }
    }

    /// The text, or nil for anything else.
    public var text: String? {
        if case let .text(value) = self { return value }
        return nil
    }
}
