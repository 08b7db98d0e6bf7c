/// One column of a resource's table: what `ocpctl get` prints and what the API answers as a `meta.k8s.io` Table.
/// Priority 0 is the default view; priority 1 appears only with `-o wide`.
public struct TableColumn<Object>: Sendable {
    /// The name as Kubernetes spells it (`Infra ID`); printers show it upper-cased.
    public let name: String
    /// `string` or `integer`, the Table's column type.
    public let type: String
    /// `name` for the name column, else empty.
    public let format: String
    public let description: String
    public let priority: Int
    /// The cell for an object at a time (ages and expiries are relative to it).
    public let cell: @Sendable (Object, Timestamp) -> String

    public init(_ name: String, type: String = "string", format: String = "", priority: Int = 0, _ description: String,
                cell: @escaping @Sendable (Object, Timestamp) -> String) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.cell = cell
    }
}

/// Spans as kubectl prints them.
public enum TableTime {
    /// `45s`, `12m`, `5h`, `3d` for a span of seconds (never negative).
    public static func span(_ seconds: Int64) -> String {
        let seconds = max(seconds, 0)
        if seconds < 120 { return "\(seconds)s" }
        if seconds < 7200 { return "\(seconds / 60)m" }
        if seconds < 172_800 { return "\(seconds / 3600)h" }
        return "\(seconds / 86400)d"
    }

    /// Time since `time`, or `<unknown>`.
    public static func age(_ time: Timestamp?, now: Timestamp) -> String {
        time.map { span(now.seconds(since: $0)) } ?? "<unknown>"
    }
}

/// A kind printed as a table.
public protocol TableRows: Sendable {
    static var tableColumns: [TableColumn<Self>] { get }
    var metadata: ObjectMeta { get }
}

extension Cluster: TableRows {
    /// The one definition of the cluster table, for `ocpctl get` and for Kubernetes clients.
    public static let tableColumns: [TableColumn<Cluster>] = [
        TableColumn("Name", format: "name", "The cluster's name.") { cluster, _ in cluster.metadata.name },
        TableColumn("Profile", "The profile that decides platform and policy.") { cluster, _ in cluster.spec.profile },
        TableColumn("Version", "The OpenShift version.") { cluster, _ in cluster.spec.version ?? "" },
        TableColumn("Phase", "The life-cycle phase.") { cluster, _ in
            cluster.metadata.deletionTimestamp != nil && cluster.status?.phase != .destroying ? "Deleting" : (cluster.status?.phase?.rawValue ?? "Pending")
        },
        TableColumn("Ready", "The Ready condition's status.") { cluster, _ in
            cluster.status?.conditions.condition(ConditionType.ready)?.status.rawValue ?? "Unknown"
        },
        TableColumn("Workers", "Ready workers out of those wanted.") { cluster, _ in
            cluster.status?.workers.map { "\($0.ready)/\($0.desired)" } ?? "0/\(cluster.spec.workers ?? 0)"
        },
        TableColumn("Expires", "Time left before the TTL runs out.") { cluster, now in
            cluster.status?.expiresAt.map { $0 <= now ? "expired" : TableTime.span($0.seconds(since: now)) } ?? "<none>"
        },
        TableColumn("Age", "Time since creation.") { cluster, now in TableTime.age(cluster.metadata.creationTimestamp, now: now) },
        TableColumn("Region", priority: 1, "The cloud region.") { cluster, _ in cluster.spec.region ?? "" },
        TableColumn("Owner", priority: 1, "The person answerable for the cluster.") { cluster, _ in cluster.spec.owner ?? "" },
        TableColumn("Infra ID", priority: 1, "The infrastructure id the cloud resources are tagged with.") { cluster, _ in cluster.status?.infraID ?? "" },
        TableColumn("API URL", priority: 1, "The cluster's API server URL.") { cluster, _ in cluster.status?.apiURL ?? "" },
    ]
}

extension SyncSource: TableRows {
    /// The one definition of the sync source table.
    public static let tableColumns: [TableColumn<SyncSource>] = [
        TableColumn("Name", format: "name", "The source's name.") { source, _ in source.metadata.name },
        TableColumn("Repo", "The git repository.") { source, _ in source.spec.repo },
        TableColumn("Path", "The directory of manifests in it.") { source, _ in source.spec.path ?? "." },
        TableColumn("Revision", "The revision last applied.") { source, _ in source.status?.lastSyncedRevision.map { String($0.prefix(12)) } ?? "<none>" },
        TableColumn("Synced", "The Synced condition's status.") { source, _ in source.status?.conditions?.condition("Synced")?.status.rawValue ?? "Unknown" },
        TableColumn("Reason", "The Synced condition's reason.") { source, _ in source.status?.conditions?.condition("Synced")?.reason ?? "-" },
        TableColumn("Age", "Time since creation.") { source, now in TableTime.age(source.metadata.creationTimestamp, now: now) },
    ]
}

extension APIToken: TableRows {
    /// The token table: who, what role, which teams, until when, last use. Never the secret.
    public static let tableColumns: [TableColumn<APIToken>] = [
        TableColumn("ID", format: "name", "The token's id.") { token, _ in token.metadata.name },
        TableColumn("User", "The user the token speaks for.") { token, _ in token.spec.user },
        TableColumn("Role", "requester, admin, auditor or controller.") { token, _ in token.spec.role.rawValue },
        TableColumn("Teams", "The namespaces a requester may use.") { token, _ in (token.spec.teams ?? []).joined(separator: ",") },
        TableColumn("Expires", "Time left before the token stops working.") { token, now in
            token.spec.expirationTimestamp.map { $0 <= now ? "expired" : TableTime.span($0.seconds(since: now)) } ?? "<never>"
        },
        TableColumn("Last Used", "When the token was last used, to the minute.") { token, now in
            token.status?.lastUsedTimestamp.map { TableTime.age($0, now: now) + " ago" } ?? "<never>"
        },
        TableColumn("Age", "Time since creation.") { token, now in TableTime.age(token.metadata.creationTimestamp, now: now) },
    ]
}
