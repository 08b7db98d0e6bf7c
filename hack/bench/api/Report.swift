import Foundation

/// Percentiles of one case, in milliseconds.
struct Summary {
    var p50: Double
    var p99: Double
    var max: Double

    /// Nearest-rank percentiles of `latencies` (seconds).
    init(_ latencies: [Double]) {
        let sorted = latencies.sorted()
        func at(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))] * 1000
        }
        p50 = at(0.50)
        p99 = at(0.99)
        max = sorted.last.map { $0 * 1000 } ?? .nan
    }
}

/// The printed table: one row per store, case and rate.
enum Report {
    static func header() {
        print(row("store", "case", "rate/s", "achieved", "p50 ms", "p99 ms", "max ms", "errors", "p50/healthz", "p99/healthz"))
    }

    /// One case; `ceiling` is `/healthz` at the same rate in the same run, for the ratios.
    static func line(store: String, name: String, rate: Int, result: RunResult, ceiling: Summary?) {
        let summary = Summary(result.latencies)
        let ratios = ceiling.map { [String(format: "%.1fx", summary.p50 / $0.p50), String(format: "%.1fx", summary.p99 / $0.p99)] } ?? ["", ""]
        print(row(store, name, "\(rate)", String(format: "%.0f", result.achievedRate), ms(summary.p50), ms(summary.p99), ms(summary.max),
                  "\(result.errors)", ratios[0], ratios[1]))
        if let error = result.firstError { print("    first error: \(error)") }
    }

    static func ms(_ value: Double) -> String { String(format: "%.2f", value) }

    private static func row(_ columns: String...) -> String {
        let widths = [11, 8, 7, 9, 8, 8, 9, 7, 12, 12]
        return zip(columns, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }.joined(separator: " ")
    }
}
