import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl quota set|get|delete TEAM`: per-team limits, enforced at admission like a ResourceQuota.
struct QuotaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota",
        abstract: "Set, show and remove a team's limits (setting and removing is for admins).",
        subcommands: [QuotaSetCommand.self, QuotaGetCommand.self, QuotaDeleteCommand.self]
    )

    /// LIMIT / USED / HARD rows, as `kubectl describe resourcequota` prints them.
    static func table(_ quota: TeamQuota) -> String {
        let used = quota.status?.used ?? QuotaUsage()
        func limit(_ value: Int?) -> String { value.map(String.init) ?? "<none>" }
        let rows = [
            ["activeClusters", String(used.activeClusters), limit(quota.spec.maxActiveClusters)],
            ["concurrentCreates", String(used.concurrentCreates), limit(quota.spec.maxConcurrentCreates)],
            ["workerNodes", String(used.workerNodes), limit(quota.spec.maxWorkerNodes)],
            ["hourlyCost", UsageCommand.number(used.hourlyCost), quota.spec.maxHourlyCost.map(UsageCommand.number) ?? "<none>"],
        ]
        return "Team: \(quota.metadata.name)\n" + Formatting.table(["RESOURCE", "USED", "HARD"], rows)
    }
}

/// `ocpctl quota set TEAM --max-active-clusters N ...`: replaces the team's limits with the ones given.
struct QuotaSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Replace a team's limits (unset ones are unlimited).")

    @Argument(help: "The team (namespace).") var team: String
    @Option(help: "Clusters that exist and are not being deleted.") var maxActiveClusters: Int?
    @Option(help: "Clusters being created at once.") var maxConcurrentCreates: Int?
    @Option(help: "Worker nodes over all clusters.") var maxWorkerNodes: Int?
    @Option(help: "Estimated hourly cost over all clusters.") var maxHourlyCost: Double?
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let limits = QuotaLimits(maxActiveClusters: maxActiveClusters, maxConcurrentCreates: maxConcurrentCreates,
                                 maxWorkerNodes: maxWorkerNodes, maxHourlyCost: maxHourlyCost)
        let client = try connection.client()
        try await reportingErrors {
            print(QuotaCommand.table(try await client.setTeamQuota(team: team, limits: limits)))
        }
    }
}

/// `ocpctl quota get TEAM`: the limits and what the team uses now.
struct QuotaGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a team's limits and its use.")

    @Argument(help: "The team (namespace).") var team: String
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let client = try connection.client()
        try await reportingErrors {
            print(QuotaCommand.table(try await client.teamQuota(team: team)))
        }
    }
}

/// `ocpctl quota delete TEAM`.
struct QuotaDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Remove a team's limits.")

    @Argument(help: "The team (namespace).") var team: String
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let client = try connection.client()
        try await reportingErrors {
            _ = try await client.deleteTeamQuota(team: team)
            print("teamquota.ocpctl.io/\(team) deleted")
        }
    }
}
