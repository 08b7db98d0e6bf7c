/// A value bound into a statement of the simulated account, or read back from one.
enum SimValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// One statement of the simulated account: literal SQL with every interpolated value bound, never spliced in.
/// Each backend spells the placeholders its own way when it runs the statement (`?` or `$n`); `\(raw:)` splices
/// SQL text, for the few fragments that differ by backend.
struct SimSQL: ExpressibleByStringInterpolation, Sendable {
    enum Piece: Sendable {
        case sql(String)
        case value(SimValue)
    }

    var pieces: [Piece]

    init(stringLiteral value: String) {
        pieces = [.sql(value)]
    }

    init(stringInterpolation: StringInterpolation) {
        pieces = stringInterpolation.pieces
    }

    struct StringInterpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: String) { pieces.append(.sql(literal)) }
        mutating func appendInterpolation(_ value: SimValue) { pieces.append(.value(value)) }
        mutating func appendInterpolation(_ value: String) { pieces.append(.value(.text(value))) }
        mutating func appendInterpolation(_ value: String?) { pieces.append(.value(value.map { .text($0) } ?? .null)) }
        mutating func appendInterpolation(_ value: Double) { pieces.append(.value(.real(value))) }
        mutating func appendInterpolation(_ value: Int) { pieces.append(.value(.integer(Int64(value)))) }
        mutating func appendInterpolation(raw sql: String) { pieces.append(.sql(sql)) }
    }

    /// The SQL text with placeholders from `placeholder(n)` (1-based), and the values in order.
    func rendered(_ placeholder: (Int) -> String) -> (sql: String, binds: [SimValue]) {
        var sql = ""
        var binds: [SimValue] = []
        for piece in pieces {
            switch piece {
            case let .sql(text): sql += text
            case let .value(value):
                binds.append(value)
                sql += placeholder(binds.count)
            }
        }
        return (sql, binds)
    }
}

/// One result row, by column name.
struct SimRow: Sendable {
    let columns: [String: SimValue]

    func value(_ name: String) -> SimValue { columns[name] ?? .null }

    func text(_ name: String) -> String {
        if case let .text(value) = value(name) { return value }
        return ""
    }

    func optionalText(_ name: String) -> String? {
        if case let .text(value) = value(name) { return value }
        return nil
    }

    func double(_ name: String) -> Double {
        switch value(name) {
        case let .real(value): value
        case let .integer(value): Double(value)
        default: 0
        }
    }

    func int(_ name: String) -> Int {
        switch value(name) {
        case let .integer(value): Int(value)
        case let .real(value): Int(value)
        default: 0
        }
    }
}
