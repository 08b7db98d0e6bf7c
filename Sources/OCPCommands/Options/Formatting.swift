import Foundation
import OCPModel

/// Column tables and relative times, as kubectl prints them.
enum Formatting {
    /// Left-aligned columns separated by three spaces.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "   ")
        }.joined(separator: "\n")
    }

    /// The current time, to the second.
    static var now: Timestamp { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

    /// `45s`, `12m`, `5h`, `3d` for a span of seconds (never negative).
    static func span(_ seconds: Int64) -> String { TableTime.span(seconds) }

    /// Time since `time`, or `<unknown>`.
    static func age(_ time: Timestamp?, now: Timestamp = now) -> String { TableTime.age(time, now: now) }
}
