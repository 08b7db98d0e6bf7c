import OCPModel

/// The request form, generated from the chosen profile: its versions, regions and base domains as choices, its TTL
/// and worker ranges as bounds; the API's field errors beside the fields they are about.
struct RequestForm {
    /// One input with its value and the API's messages about it.
    struct Field {
        var value: String
        var errors: [String]
        var invalid: Bool
    }

    var csrf: String
    var profiles: [FormOption]
    var profileDescription: String
    var teams: [FormOption]
    var teamIsFree: Bool
    var team: Field
    var name: Field
    var version: Field
    var versions: [FormOption]
    var region: Field
    var regions: [FormOption]
    var baseDomain: Field
    var baseDomains: [FormOption]
    var ttl: Field
    var maxTTLHours: Int
    var workers: Field
    var minWorkers: Int
    var maxWorkers: Int
    var costCenter: Field
    var labels: Field
    var tags: Field
    var error: String?
    /// Errors about no field of the form.
    var otherErrors: [String]
    var yaml: String?

    /// The fields each input stands for, as the API names them in its causes.
    static let fieldPaths: [String: String] = [
        "team": "metadata.namespace", "name": "metadata.name", "version": "spec.version", "region": "spec.region",
        "baseDomain": "spec.baseDomain", "ttl": "spec.ttl", "workers": "spec.workers", "costCenter": "spec.costCenter",
        "labels": "metadata.labels", "tags": "spec.tags",
    ]

    init(profiles all: [Profile], chosen: Profile, values: [String: String], session: ConsoleSession, error: StatusDocument?, yaml: String?) {
        csrf = session.csrf
        profiles = all.filter(\.enabled).map { FormOption(value: $0.name, selected: $0.name == chosen.name) }
        profileDescription = chosen.description ?? chosen.displayName ?? ""
        let causes = error.map(FormError.init)
        func field(_ name: String, _ fallback: String) -> Field {
            let messages = causes?.messages(for: Self.fieldPaths[name] ?? name) ?? []
            return Field(value: values[name] ?? fallback, errors: messages, invalid: !messages.isEmpty)
        }
        func options(_ list: Profile.Allowlist, _ value: String) -> [FormOption] {
            list.allowlist.map { FormOption(value: $0, selected: $0 == value) }
        }
        teamIsFree = session.isAdmin
        let team = field("team", session.teams.first ?? "")
        self.team = team
        teams = session.teams.map { FormOption(value: $0, selected: $0 == team.value) }
        name = field("name", "")
        version = field("version", chosen.openshiftVersions.default)
        versions = options(chosen.openshiftVersions, version.value)
        region = field("region", chosen.regions.default)
        regions = options(chosen.regions, region.value)
        baseDomain = field("baseDomain", chosen.baseDomains.default)
        baseDomains = options(chosen.baseDomains, baseDomain.value)
        ttl = field("ttl", "\(chosen.lifecycle.defaultTTLHours)h")
        maxTTLHours = chosen.lifecycle.maxTTLHours
        workers = field("workers", String(chosen.compute.workers.replicas))
        minWorkers = chosen.compute.workers.minReplicas
        maxWorkers = chosen.compute.workers.maxReplicas
        costCenter = field("costCenter", "")
        labels = field("labels", "")
        tags = field("tags", "")
        self.error = error?.message
        let known = Set(Self.fieldPaths.values)
        otherErrors = causes?.causes.filter { cause in !known.contains { cause.field == $0 || cause.field.hasPrefix($0 + ".") } }
            .map { $0.field.isEmpty ? $0.message : "\($0.field): \($0.message)" } ?? []
        self.yaml = yaml
    }

    /// The manifest the form describes. Values the console cannot read (a worker count that is not a number, a pair
    /// without `=`) come back as field errors, as the API's own do.
    static func manifest(_ values: [String: String], profile: String) -> (Cluster, [StatusDocument.Cause]) {
        var causes: [StatusDocument.Cause] = []
        func pairs(_ name: String) -> [String: String]? {
            guard let text = values[name], !text.isEmpty else { return nil }
            var result: [String: String] = [:]
            for item in text.split(separator: ",") {
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    causes.append(.init(reason: "FieldValueInvalid", message: "write pairs as key=value, separated by commas", field: fieldPaths[name]))
                    continue
                }
                result[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
            return result
        }
        var workers: Int?
        if let text = values["workers"], !text.isEmpty {
            workers = Int(text)
            if workers == nil { causes.append(.init(reason: "FieldValueInvalid", message: "must be a whole number", field: "spec.workers")) }
        }
        var ttl: TTLDuration?
        if let text = values["ttl"], !text.isEmpty {
            ttl = TTLDuration(text)
            if ttl == nil { causes.append(.init(reason: "FieldValueInvalid", message: "must be a duration such as 24h or 90m", field: "spec.ttl")) }
        }
        var spec = ClusterSpec(profile: profile)
        spec.version = values["version"]
        spec.region = values["region"]
        spec.baseDomain = values["baseDomain"]
        spec.costCenter = values["costCenter"]
        spec.ttl = ttl
        spec.workers = workers
        spec.tags = pairs("tags")
        var metadata = ObjectMeta(name: values["name"] ?? "", namespace: values["team"])
        metadata.labels = pairs("labels")
        return (Cluster(metadata: metadata, spec: spec), causes)
    }
}
