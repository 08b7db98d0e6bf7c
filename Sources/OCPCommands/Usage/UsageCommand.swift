import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl usage --by team --since 30d [--period day] [-o table|json|csv]`: hours and estimated cost per group.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Show running and hibernated hours and estimated cost, grouped by team, cost center, profile, platform or owner.")

    @Option(help: "team, costCenter, profile, platform, owner or cluster.") var by: String = "team"
    @Option(help: "A duration before now, e.g. 30d or 12h.") var since: String?
    @Option(help: "RFC 3339 start of the range (instead of --since).") var from: String?
    @Option(help: "RFC 3339 end of the range (default: now).") var to: String?
    @Option(help: "day, month or total.") var period: String = "total"
    @Option(name: .shortAndLong, help: "table, json or csv.") var output: String = "table"
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard ["table", "json", "csv"].contains(output) else { throw ValidationError("--output: must be table, json or csv, got \"\(output)\"") }
    }

    func run() async throws {
        var parameters = [("groupBy", by), ("period", period)]
        if let since { parameters.append(("since", since)) }
        if let from { parameters.append(("from", from)) }
        if let to { parameters.append(("to", to)) }
        let client = try connection.client()
        try await reportingErrors {
            switch output {
            case "csv":
                print(try await client.usageCSV(parameters), terminator: "")
            case "json":
                print(String(decoding: try ResourceEncoding.jsonData(try await client.usage(parameters)), as: UTF8.self))
            default:
                let report = try await client.usage(parameters)
                let rows = report.rows.map { row in
                    [row.period, row.group, String(row.clusters), Self.number(row.runningHours), Self.number(row.hibernatedHours),
                     Self.number(row.estimatedCost)]
                }
                print(Formatting.table(["PERIOD", report.groupBy.rawValue.uppercased(), "CLUSTERS", "RUNNING HOURS", "HIBERNATED HOURS",
                                        "ESTIMATED COST"], rows))
            }
        }
    }

    /// Two decimals, as money and hours read best.
    static func number(_ value: Double) -> String {
        let cents = Int64((value * 100).rounded())
        let fraction = abs(cents % 100)
        return "\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
