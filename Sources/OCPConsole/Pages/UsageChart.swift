import Foundation
import OCPModel

/// A bar chart drawn on the server as SVG values: cost per day stacked by team, or cost per team.
struct UsageChart {
    struct Bar {
        var x: String
        var y: String
        var width: String
        var height: String
        var color: String
        /// The tooltip and the accessible text of the bar.
        var title: String
    }

    struct Label {
        var x: String
        var y: String
        var text: String
    }

    struct LegendEntry {
        var color: String
        var name: String
        var y: String
    }

    var title: String
    var width = 720
    var height = 260
    var bars: [Bar] = []
    var labels: [Label] = []
    var legend: [LegendEntry] = []
    var maximum: String = ""
    var empty: Bool

    static let palette = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7a7a", "#57606a"]
    static let plot = (left: 60.0, top: 16.0, width: 520.0, height: 200.0)

    /// Cost per period (day), one stack per period, one colour per group (team).
    static func perDay(_ rows: [UsageRow], currency: String) -> UsageChart {
        let periods = Array(Set(rows.map(\.period))).sorted()
        let groups = Array(Set(rows.map(\.group))).sorted()
        var chart = UsageChart(title: "Estimated cost per day, by team (\(currency))", empty: rows.isEmpty)
        let totals = periods.map { period in rows.filter { $0.period == period }.reduce(0) { $0 + $1.estimatedCost } }
        let top = max(totals.max() ?? 0, 0.01)
        chart.maximum = Self.money(top)
        let slot = plot.width / Double(max(periods.count, 1))
        for (index, period) in periods.enumerated() {
            var base = plot.top + plot.height
            for (groupIndex, group) in groups.enumerated() {
                let cost = rows.filter { $0.period == period && $0.group == group }.reduce(0) { $0 + $1.estimatedCost }
                guard cost > 0 else { continue }
                let height = cost / top * plot.height
                base -= height
                chart.bars.append(Bar(x: f(plot.left + Double(index) * slot + slot * 0.15), y: f(base), width: f(slot * 0.7), height: f(height),
                                      color: palette[groupIndex % palette.count], title: "\(group), \(period): \(Self.money(cost)) \(currency)"))
            }
            chart.labels.append(Label(x: f(plot.left + Double(index) * slot + slot / 2), y: f(plot.top + plot.height + 16), text: String(period.prefix(10))))
        }
        chart.legend = groups.enumerated().map { LegendEntry(color: palette[$0.offset % palette.count], name: $0.element, y: f(plot.top + 10 + Double($0.offset) * 18)) }
        return chart
    }

    /// Cost per group over the whole range, one bar each.
    static func perTeam(_ rows: [UsageRow], currency: String) -> UsageChart {
        var totals: [String: Double] = [:]
        for row in rows { totals[row.group, default: 0] += row.estimatedCost }
        let groups = totals.keys.sorted()
        var chart = UsageChart(title: "Estimated cost per team (\(currency))", empty: rows.isEmpty)
        let top = max(totals.values.max() ?? 0, 0.01)
        chart.maximum = Self.money(top)
        let slot = plot.width / Double(max(groups.count, 1))
        for (index, group) in groups.enumerated() {
            let height = totals[group, default: 0] / top * plot.height
            chart.bars.append(Bar(x: f(plot.left + Double(index) * slot + slot * 0.2), y: f(plot.top + plot.height - height), width: f(slot * 0.6),
                                  height: f(height), color: palette[index % palette.count],
                                  title: "\(group): \(Self.money(totals[group, default: 0])) \(currency)"))
            chart.labels.append(Label(x: f(plot.left + Double(index) * slot + slot / 2), y: f(plot.top + plot.height + 16), text: group))
        }
        return chart
    }

    static func money(_ value: Double) -> String { String(format: "%.2f", value) }
    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
