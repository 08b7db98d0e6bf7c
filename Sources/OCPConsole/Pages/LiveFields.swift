import OCPModel

/// What the inventory and the cluster page show of a cluster's progress, the same whether the page is rendered
/// or a Server-Sent Event updates it.
struct LiveFields: Sendable, Encodable {
    var key: String
    var namespace: String
    var name: String
    var phase: String
    var ready: String
    var workers: String
    var expires: String
    /// The event removed the cluster.
    var deleted: Bool

    init(_ cluster: Cluster, deleted: Bool = false) {
        namespace = cluster.metadata.namespace ?? "default"
        name = cluster.metadata.name
        key = namespace + "/" + name
        phase = cluster.status?.phase?.rawValue ?? "Pending"
        if deleted { phase = "Deleted" }
        ready = cluster.isReady ? "True" : "False"
        let desired = cluster.status?.workers?.desired ?? cluster.spec.workers ?? 0
        workers = "\(cluster.status?.workers?.ready ?? 0)/\(desired)"
        expires = cluster.status?.expiresAt?.rfc3339 ?? "—"
        self.deleted = deleted
    }
}
