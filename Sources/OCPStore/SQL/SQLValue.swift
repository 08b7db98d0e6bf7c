/// A bound parameter or a result cell, independent of the driver.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)
}

extension SQLValue {
    init(_ value: String?) { self = value.map(SQLValue.text) ?? .null }
    init(_ value: Int64?) { self = value.map(SQLValue.integer) ?? .null }
}

/// One result row; cells are read by position in the SELECT list.
struct SQLRow: Sendable {
    var cells: [SQLValue]

    func int(_ index: Int) throws -> Int64 {
        switch cells[index] {
        case let .integer(value): return value
        case let .real(value): return Int64(value)
        case let .bool(value): return value ? 1 : 0
        default: throw SQLRowError.unexpected(index: index, found: cells[index], wanted: "integer")
        }
    }

    func optionalInt(_ index: Int) throws -> Int64? {
        if case .null = cells[index] { return nil }
        return try int(index)
    }

    func text(_ index: Int) throws -> String {
        guard case let .text(value) = cells[index] else {
            throw SQLRowError.unexpected(index: index, found: cells[index], wanted: "text")
        }
        return value
    }

    func optionalText(_ index: Int) throws -> String? {
        if case .null = cells[index] { return nil }
        return try text(index)
    }

    func double(_ index: Int) throws -> Double {
        switch cells[index] {
        case let .real(value): return value
        case let .integer(value): return Double(value)
        default: throw SQLRowError.unexpected(index: index, found: cells[index], wanted: "real")
        }
    }

    func bool(_ index: Int) throws -> Bool { try int(index) != 0 }

    func optionalBlob(_ index: Int) throws -> [UInt8]? {
        switch cells[index] {
        case .null: return nil
        case let .blob(value): return value
        case let .text(value): return Array(value.utf8)
        default: throw SQLRowError.unexpected(index: index, found: cells[index], wanted: "blob")
        }
    }

    func isNull(_ index: Int) -> Bool { cells[index] == .null }
}

enum SQLRowError: Error, CustomStringConvertible {
    case unexpected(index: Int, found: SQLValue, wanted: String)

    var description: String {
        switch self {
        case let .unexpected(index, found, wanted): "column \(index): expected \(wanted), found \(found)"
        }
    }
}
