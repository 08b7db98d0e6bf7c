import OCPModel
import OCPStore
import OCPSync

/// A source's sync writes straight to the store, with the same policy checks as the API and its own audit actor.
struct StoreSyncTarget: SyncTarget {
    let store: any ControlPlaneStore
    let profiles: ProfileCatalog
    /// `system:sync:NAMESPACE/NAME`, in the audit trail and as the owner of clusters whose manifest names none.
    let actor: String
    let now: Timestamp

    func liveClusters() async throws -> [Cluster] {
        var clusters: [Cluster] = []
        var query = ClusterListQuery(limit: 500)
        repeat {
            let page = try await store.listClusters(query)
            clusters += page.items
            query.continueToken = page.continueToken
        } while query.continueToken != nil
        return clusters
    }

    func create(_ cluster: Cluster) async throws {
        var cluster = cluster
        if cluster.spec.owner == nil { cluster.spec.owner = actor }
        _ = try await store.createCluster(cluster, now: now)
        try await audit("create", cluster, "created from \(cluster.metadata.annotations?[SyncAnnotations.manifest] ?? "the source")")
    }

    func update(_ desired: Cluster, over live: Cluster) async throws {
        // The repository cannot do what the API forbids: immutable fields stay as they are.
        let errors = ClusterPolicy.validate(desired, profile: profiles[desired.spec.profile], previous: live)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        var next = live
        next.spec = desired.spec
        if next.spec.owner == nil { next.spec.owner = live.spec.owner }
        next.metadata.labels = desired.metadata.labels
        next.metadata.annotations = desired.metadata.annotations
        let summary = FieldDiff.changes(from: live.desiredState, to: next.desiredState).map(\.description).joined(separator: "; ")
        _ = try await store.updateCluster(next)
        try await audit("update", next, summary.isEmpty ? "ownership annotations" : summary)
    }

    func delete(namespace: String, name: String) async throws {
        guard let deleted = try await store.deleteCluster(ClusterKey(namespace: namespace, name: name), resourceVersion: nil, now: now) else { return }
        try await audit("delete", deleted, "pruned: gone from the source")
    }

    private func audit(_ verb: String, _ cluster: Cluster, _ summary: String) async throws {
        _ = try await store.appendAuditEvent(AuditEvent(time: now, actor: actor, verb: verb, resource: "clusters",
                                                        namespace: cluster.metadata.namespace, name: cluster.metadata.name,
                                                        outcome: "Success", summary: summary))
    }
}
