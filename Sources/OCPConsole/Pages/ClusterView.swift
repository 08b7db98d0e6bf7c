import OCPModel

/// The cluster page's values: spec, conditions with their times, operations with their logs, audit events, outputs
/// and the action forms, each prefilled from the cluster and bounded by its profile.
struct ClusterView {
    struct Pair {
        var key: String
        var value: String
    }

    struct ConditionRow {
        var type: String
        var status: String
        var reason: String
        var message: String
        var since: String
        var generation: String

        init(_ condition: Condition) {
            type = condition.type
            status = condition.status.rawValue
            reason = condition.reason
            message = condition.message
            since = condition.lastTransitionTime.rfc3339
            generation = condition.observedGeneration.map(String.init) ?? ""
        }
    }

    struct OperationRow {
        var id: String
        var type: String
        var state: String
        var started: String
        var finished: String?
        var failure: String?
        var log: String
        var hasLog: Bool
    }

    struct EventRow {
        var time: String
        var actor: String
        var verb: String
        var outcome: String
        var summary: String
    }

    var live: LiveFields
    var liveURL: String
    var base: String
    var spec: [Pair]
    var labels: [Pair]
    var tags: [Pair]
    var conditions: [ConditionRow]
    var operations: [OperationRow]
    var events: [EventRow]
    var apiURL: String?
    var consoleURL: String?
    var canDownloadKubeconfig: Bool
    var canWrite: Bool
    var isAdmin: Bool
    var csrf: String
    var workers: Int
    var minWorkers: Int
    var maxWorkers: Int
    var ttl: String
    var maxTTLHours: Int
    var hibernating: Bool
    var deleting: Bool
    var flash: String?
    var error: FormError?
    var workersErrors: [String]
    var ttlErrors: [String]
    var powerErrors: [String]
    /// The refusal's messages about no action field.
    var otherErrors: [String]

    init(cluster: Cluster, profile: Profile?, operations: [OperationDocument], events: [AuditEvent], outputs: ClusterOutputsDocument?,
         session: ConsoleSession, flash: String?, error: FormError?) {
        live = LiveFields(cluster)
        liveURL = "/ui/events?team=\(live.namespace)&name=\(live.name)"
        base = "/ui/clusters/\(live.namespace)/\(live.name)"
        let spec = cluster.spec
        self.spec = [
            Pair(key: "Profile", value: spec.profile), Pair(key: "Version", value: spec.version ?? ""),
            Pair(key: "Region", value: spec.region ?? ""), Pair(key: "Base domain", value: spec.baseDomain ?? ""),
            Pair(key: "Owner", value: spec.owner ?? ""), Pair(key: "Cost center", value: spec.costCenter ?? ""),
            Pair(key: "TTL", value: spec.ttl?.text ?? ""), Pair(key: "Workers", value: spec.workers.map(String.init) ?? ""),
            Pair(key: "Power state", value: spec.powerState?.rawValue ?? "Running"),
            Pair(key: "Created", value: cluster.metadata.creationTimestamp?.rfc3339 ?? ""),
            Pair(key: "Generation", value: cluster.metadata.generation.map(String.init) ?? ""),
        ]
        labels = (cluster.metadata.labels ?? [:]).sorted { $0.key < $1.key }.map { Pair(key: $0.key, value: $0.value) }
        tags = (spec.tags ?? [:]).sorted { $0.key < $1.key }.map { Pair(key: $0.key, value: $0.value) }
        conditions = (cluster.status?.conditions ?? []).map(ConditionRow.init)
        self.operations = operations.reversed().map { document in
            let operation = document.operation
            return OperationRow(id: operation.id, type: operation.type.rawValue, state: operation.state.rawValue, started: operation.startedAt.rfc3339,
                                finished: operation.finishedAt?.rfc3339, failure: operation.error, log: document.log, hasLog: !document.log.isEmpty)
        }
        self.events = events.reversed().map {
            EventRow(time: $0.time.rfc3339, actor: $0.actor, verb: $0.verb, outcome: $0.outcome, summary: $0.summary)
        }
        apiURL = outputs?.apiURL
        consoleURL = outputs?.consoleURL
        isAdmin = session.isAdmin
        canWrite = session.isAdmin || (session.role == .requester && session.teams.contains(live.namespace))
        canDownloadKubeconfig = canWrite && outputs?.kubeconfigRef != nil
        csrf = session.csrf
        workers = spec.workers ?? profile?.compute.workers.replicas ?? 0
        minWorkers = profile?.compute.workers.minReplicas ?? 0
        maxWorkers = profile?.compute.workers.maxReplicas ?? 100
        ttl = spec.ttl?.text ?? ""
        maxTTLHours = profile?.lifecycle.maxTTLHours ?? 0
        hibernating = spec.powerState == .hibernating
        deleting = cluster.metadata.deletionTimestamp != nil
        self.flash = flash
        self.error = error
        workersErrors = error?.messages(for: "spec.workers") ?? []
        ttlErrors = error?.messages(for: "spec.ttl") ?? []
        powerErrors = error?.messages(for: "spec.powerState") ?? []
        otherErrors = error?.causes.filter { !["spec.workers", "spec.ttl", "spec.powerState"].contains($0.field) }
            .map { $0.field.isEmpty ? $0.message : "\($0.field): \($0.message)" } ?? []
    }

    /// What a finished action says above the page; only these fixed texts, never anything from the request.
    static func flash(_ done: String?) -> String? {
        switch done {
        case "scaled": "Scaling requested."
        case "extended": "TTL changed."
        case "hibernated": "Hibernation requested."
        case "resumed": "Resume requested."
        case "created": "Cluster requested."
        default: nil
        }
    }
}

/// The API's refusal of a form, with its field errors for the fields they belong to.
struct FormError {
    var message: String
    var causes: [Message.Cause]

    init(_ status: StatusDocument) {
        message = status.message
        causes = Message.causes(status)
    }

    /// The messages about `field` (a `spec.x` path or one under it).
    func messages(for field: String) -> [String] {
        causes.filter { $0.field == field || $0.field.hasPrefix(field + ".") }.map(\.message)
    }
}
