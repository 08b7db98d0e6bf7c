import OCPModel

/// The admin page's values: profiles (read only), tokens with their role bindings, and team quotas.
struct AdminModel {
    struct ProfileRow {
        var name: String
        var platform: String
        var enabled: Bool
        var versions: String
        var regions: String
        var workers: String
        var ttl: String
        var cost: String
    }

    struct TokenRow {
        var id: String
        var user: String
        var role: String
        var teams: String
        var expires: String
        var lastUsed: String
    }

    struct QuotaRow {
        var team: String
        var maxActiveClusters: String
        var maxConcurrentCreates: String
        var maxWorkerNodes: String
        var maxHourlyCost: String
        var used: String
    }

    struct RoleOption {
        var value: String
    }

    var csrf: String
    var profiles: [ProfileRow]
    var tokens: [TokenRow]
    var quotas: [QuotaRow]
    var roles: [RoleOption]

    init(profiles: [Profile], tokens: [APIToken], quotas: [(String, TeamQuota?)], csrf: String) {
        self.csrf = csrf
        self.profiles = profiles.map {
            ProfileRow(name: $0.name, platform: "\($0.platform)", enabled: $0.enabled, versions: $0.openshiftVersions.allowlist.joined(separator: ", "),
                       regions: $0.regions.allowlist.joined(separator: ", "),
                       workers: "\($0.compute.workers.minReplicas)–\($0.compute.workers.maxReplicas)",
                       ttl: "\($0.lifecycle.defaultTTLHours)h (max \($0.lifecycle.maxTTLHours)h)",
                       cost: UsageChart.money($0.costControls.estimatedHourlyCost) + "/h")
        }
        self.tokens = tokens.map {
            TokenRow(id: $0.metadata.name, user: $0.spec.user, role: $0.spec.role.rawValue, teams: ($0.spec.teams ?? []).joined(separator: ", "),
                     expires: $0.spec.expirationTimestamp?.rfc3339 ?? "never", lastUsed: $0.status?.lastUsedTimestamp?.rfc3339 ?? "")
        }
        self.quotas = quotas.map { team, quota in
            func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "" }
            let used = quota?.status?.used
            return QuotaRow(team: team, maxActiveClusters: text(quota?.spec.maxActiveClusters), maxConcurrentCreates: text(quota?.spec.maxConcurrentCreates),
                            maxWorkerNodes: text(quota?.spec.maxWorkerNodes), maxHourlyCost: text(quota?.spec.maxHourlyCost),
                            used: used.map { "\($0.activeClusters) clusters, \($0.workerNodes) workers, \(UsageChart.money($0.hourlyCost))/h" } ?? "")
        }
        roles = Role.allCases.map { RoleOption(value: $0.rawValue) }
    }
}
