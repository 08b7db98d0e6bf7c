import OCPModel
import OCPStore
import OCPSync

/// A source's sync writes straight to the store, through the same admission and authorization as the API:
/// defaults and policy from the profile, the RBAC rules evaluated for the source's identity, and an audit event
/// per write under the actor `system:sync:NAMESPACE/NAME`.
struct StoreSyncTarget: SyncTarget {
    let store: any ControlPlaneStore
    let profiles: ProfileCatalog
    /// A requester whose teams are the source's destinations; also the owner of clusters whose manifest names none.
    let identity: Identity
    let now: Timestamp
    /// The leader lease's fence, carried by every write.
    let fence: SingletonFence

    func liveClusters() async throws -> [Cluster] {
        try await store.listAllClusters(namespace: nil)
    }

    func create(_ cluster: Cluster) async throws {
        try Authorization.check(identity, .write, namespace: cluster.metadata.namespace ?? "default")
        var cluster = try ClusterAdmission.admit(cluster, profiles: profiles, requester: identity.user, previous: nil)
        if cluster.spec.owner == nil { cluster.spec.owner = identity.user }
        _ = try await store.createCluster(cluster, now: now, withinQuotaOf: profiles, fence: try fence.fence())
        try await audit("create", cluster, "created from \(cluster.metadata.annotations?[SyncAnnotations.manifest] ?? "the source")")
    }

    func update(_ desired: Cluster, over live: Cluster) async throws {
        try Authorization.check(identity, .write, namespace: live.metadata.namespace ?? "default")
        // The repository cannot do what the API forbids: immutable fields stay as they are.
        let admitted = try ClusterAdmission.admit(desired, profiles: profiles, requester: identity.user, previous: live)
        var next = live
        next.spec = admitted.spec
        if next.spec.owner == nil { next.spec.owner = live.spec.owner }
        next.metadata.labels = admitted.metadata.labels
        next.metadata.annotations = admitted.metadata.annotations
        let summary = FieldDiff.changes(from: live.desiredState, to: next.desiredState).map(\.description).joined(separator: "; ")
        try await store.checkQuota(next, replacing: live, profiles: profiles)
        _ = try await store.updateCluster(next, fence: try fence.fence())
        try await audit("update", next, summary.isEmpty ? "ownership annotations" : summary)
    }

    func delete(namespace: String, name: String) async throws {
        try Authorization.check(identity, .write, namespace: namespace)
        guard let deleted = try await store.deleteCluster(ClusterKey(namespace: namespace, name: name), resourceVersion: nil, now: now, fence: try fence.fence()) else { return }
        try await audit("delete", deleted, "pruned: gone from the source")
    }

    private func audit(_ verb: String, _ cluster: Cluster, _ summary: String) async throws {
        _ = try await store.appendAuditEvent(AuditEvent(time: now, actor: identity.user, verb: verb, resource: "clusters",
                                                        namespace: cluster.metadata.namespace, name: cluster.metadata.name,
                                                        outcome: "Success", summary: summary), fence: try fence.fence())
    }
}
