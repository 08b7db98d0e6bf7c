/// What a usage report groups clusters by.
public enum UsageGrouping: String, Sendable, Hashable, Codable, CaseIterable {
    case team, costCenter, profile, platform, owner, cluster

    /// The group `sample` belongs to; an unset attribute reads "(none)".
    func key(_ sample: UsageSample) -> String {
        let value = switch self {
        case .team: sample.namespace
        case .costCenter: sample.costCenter
        case .profile: sample.profile
        case .platform: sample.platform
        case .owner: sample.owner
        case .cluster: "\(sample.namespace)/\(sample.clusterName)"
        }
        return value.isEmpty ? "(none)" : value
    }
}

/// The length of a report row, in UTC.
public enum UsagePeriod: String, Sendable, Hashable, Codable, CaseIterable {
    case day, month, total
}

/// One report: the range, the grouping and the period.
public struct UsageQuery: Sendable, Hashable {
    public var from: Timestamp
    public var to: Timestamp
    public var groupBy: UsageGrouping
    public var period: UsagePeriod

    /// Creates a query for `[from, to)`.
    public init(from: Timestamp, to: Timestamp, groupBy: UsageGrouping = .team, period: UsagePeriod = .total) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
        self.period = period
    }
}

/// One row of a usage report: a group's hours and estimated cost in one period.
public struct UsageRow: Sendable, Hashable, Codable {
    public var group: String
    /// `2026-11-30`, `2026-11`, or the range's start for `total`.
    public var period: String
    public var clusters: Int
    public var runningHours: Double
    public var hibernatedHours: Double
    /// Instance-hours: every control-plane and worker node, running or stopped.
    public var nodeHours: Double
    public var estimatedCost: Double

    /// Creates a row.
    public init(group: String, period: String, clusters: Int, runningHours: Double, hibernatedHours: Double, nodeHours: Double,
                estimatedCost: Double) {
        self.group = group
        self.period = period
        self.clusters = clusters
        self.runningHours = runningHours
        self.hibernatedHours = hibernatedHours
        self.nodeHours = nodeHours
        self.estimatedCost = estimatedCost
    }
}

/// Usage and cost from samples (a pure function: the store lists samples, this prices them).
///
/// A sample stands for the time until the cluster's next sample, at most `maxSampleGapSeconds`, since the
/// controller samples at every reconcile (every 30 s for clusters that need attention, every 5 minutes for
/// stable ones) and time it did not see is not charged. A cluster's last sample stands for as long as the
/// interval before it (a minute when it is the only one): the cluster was sampled at its usual pace until
/// then. Callers list samples from `maxSampleGapSeconds` before the range, which cover its first minutes.
public enum UsageReport {
    /// Twice the stable reconcile interval: a sample never covers more than ten minutes.
    public static let maxSampleGapSeconds: Int64 = 600

    /// The report's rows, sorted by period then group. Hours keep four decimals and costs are rounded to the cent.
    public static func rows(_ samples: [UsageSample], _ query: UsageQuery) -> [UsageRow] {
        struct Totals { var clusters: Set<String> = []; var running: Int64 = 0; var hibernated: Int64 = 0; var nodeSeconds: Int64 = 0; var cost = 0.0 }
        var totals: [RowKey: Totals] = [:]
        for (uid, series) in Dictionary(grouping: samples, by: \.clusterUID) {
            let sorted = series.sorted { $0.time < $1.time }
            for (index, sample) in sorted.enumerated() {
                let time = sample.time.secondsSinceEpoch
                let next = index + 1 < sorted.count
                    ? sorted[index + 1].time.secondsSinceEpoch
                    : time + (index > 0 ? time - sorted[index - 1].time.secondsSinceEpoch : 60)
                let start = max(time, query.from.secondsSinceEpoch)
                let end = min(next, time + maxSampleGapSeconds, query.to.secondsSinceEpoch)
                for (period, seconds) in split(start, end, query.period, rangeStart: query.from) {
                    let key = RowKey(group: query.groupBy.key(sample), period: period)
                    totals[key, default: Totals()].clusters.insert(uid)
                    if sample.powerState == .running {
                        totals[key, default: Totals()].running += seconds
                    } else {
                        totals[key, default: Totals()].hibernated += seconds
                    }
                    totals[key, default: Totals()].nodeSeconds += seconds * Int64(sample.controlPlaneNodes + sample.workerNodes)
                    totals[key, default: Totals()].cost += sample.estimatedHourlyCost * Double(seconds) / 3600
                }
            }
        }
        return totals.map { key, value in
            UsageRow(group: key.group, period: key.period, clusters: value.clusters.count, runningHours: hours(value.running),
                     hibernatedHours: hours(value.hibernated), nodeHours: hours(value.nodeSeconds), estimatedCost: (value.cost * 100).rounded() / 100)
        }.sorted { ($0.period, $0.group) < ($1.period, $1.group) }
    }

    /// The rows as CSV with a header line (RFC 4180 quoting).
    public static func csv(_ rows: [UsageRow], groupBy: UsageGrouping) -> String {
        var lines = ["period,\(groupBy.rawValue),clusters,running_hours,hibernated_hours,node_hours,estimated_cost"]
        for row in rows {
            lines.append([row.period, quoted(row.group), String(row.clusters), decimal(row.runningHours, places: 4),
                          decimal(row.hibernatedHours, places: 4), decimal(row.nodeHours, places: 4), decimal(row.estimatedCost, places: 2)]
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private struct RowKey: Hashable {
        var group: String
        var period: String
    }

    /// `[start, end)` cut at period boundaries (UTC midnights or month starts), each piece with its period's name.
    static func split(_ start: Int64, _ end: Int64, _ period: UsagePeriod, rangeStart: Timestamp) -> [(String, Int64)] {
        guard end > start else { return [] }
        guard period != .total else { return [(name(rangeStart.secondsSinceEpoch, .day), end - start)] }
        var pieces: [(String, Int64)] = []
        var cursor = start
        while cursor < end {
            let boundary = min(end, nextBoundary(after: cursor, period))
            pieces.append((name(cursor, period), boundary - cursor))
            cursor = boundary
        }
        return pieces
    }

    private static func nextBoundary(after seconds: Int64, _ period: UsagePeriod) -> Int64 {
        let days = floorDiv(seconds, 86_400)
        guard period == .month else { return (days + 1) * 86_400 }
        let (year, month, _) = Timestamp.civilFromDays(days)
        let next = month == 12 ? (year + 1, Int64(1)) : (year, month + 1)
        return Timestamp.daysFromCivil(year: next.0, month: next.1, day: 1) * 86_400
    }

    private static func name(_ seconds: Int64, _ period: UsagePeriod) -> String {
        let (year, month, day) = Timestamp.civilFromDays(floorDiv(seconds, 86_400))
        let yearMonth = "\(year)-\(month < 10 ? "0" : "")\(month)"
        return period == .month ? yearMonth : "\(yearMonth)-\(day < 10 ? "0" : "")\(day)"
    }

    private static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func hours(_ seconds: Int64) -> Double { (Double(seconds) / 3600 * 10_000).rounded() / 10_000 }

    private static func decimal(_ value: Double, places: Int) -> String {
        let scale = Int64((0..<places).reduce(1) { value, _ in value * 10 })
        let scaled = Int64((value * Double(scale)).rounded())
        let whole = scaled / scale
        let fraction = String(abs(scaled % scale))
        return "\(scaled < 0 && whole == 0 ? "-" : "")\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }

    private static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
    }
}
