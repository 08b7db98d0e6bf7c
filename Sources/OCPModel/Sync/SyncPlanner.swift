/// Compares the documents of a source with the live clusters and decides, purely, what a sync does.
public enum SyncPlanner {
    /// Options of one sync.
    public struct Options: Sendable, Hashable {
        public var source: String
        public var prune: Bool
        /// A prune may delete at most this fraction of the objects the source owns, unless `allowMassDeletion`.
        public var deletionThreshold: Double
        public var allowMassDeletion: Bool
        /// Whether a cluster no source owns is taken over when a manifest names it. `ocpctl sync`, run by a user
        /// with the user's rights, adopts as `kubectl apply` does; a server-side source never does.
        public var adoptUnowned: Bool

        public init(source: String, prune: Bool, deletionThreshold: Double = 0.5, allowMassDeletion: Bool = false, adoptUnowned: Bool = true) {
            self.source = source
            self.prune = prune
            self.deletionThreshold = deletionThreshold
            self.allowMassDeletion = allowMassDeletion
            self.adoptUnowned = adoptUnowned
        }
    }

    /// The plan for `desired` (validated, defaulted documents) against `live` (live clusters: those the source
    /// owns and any with the same names). Items come in namespace/name order.
    public static func plan(desired: [ManifestDocument], live: [Cluster], options: Options) -> SyncPlan {
        let liveByKey = Dictionary(live.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var items: [SyncPlan.Item] = []
        var desiredKeys: Set<String> = []
        for document in desired {
            let cluster = document.cluster
            let identity = key(cluster)
            desiredKeys.insert(identity)
            let manifest = "\(document.location.source):\(document.location.line)"
            guard let current = liveByKey[identity] else {
                items.append(item(cluster, manifest, .create))
                continue
            }
            if let owner = current.syncSource, owner != options.source {
                var conflict = item(cluster, manifest, .conflict, changes: [FieldChange(field: "metadata.annotations.\(SyncAnnotations.source)",
                                                                                        live: owner, desired: options.source)])
                conflict.reason = "owned by sync source \(owner); a source never takes over another's cluster"
                items.append(conflict)
                continue
            }
            if current.syncSource == nil, !options.adoptUnowned {
                var conflict = item(cluster, manifest, .conflict, changes: [FieldChange(field: "metadata.annotations.\(SyncAnnotations.source)",
                                                                                        live: nil, desired: options.source)])
                conflict.reason = "exists and was not created by this source (made through the API or by hand); a source never adopts it"
                items.append(conflict)
                continue
            }
            if current.metadata.deletionTimestamp != nil {
                var conflict = item(cluster, manifest, .conflict, changes: [FieldChange(field: "metadata.deletionTimestamp",
                                                                                        live: "\(current.metadata.deletionTimestamp!)", desired: nil)])
                conflict.reason = "is being deleted"
                items.append(conflict)
                continue
            }
            var wanted = cluster.desiredState
            // The server fills owner from the requester when a manifest leaves it out; that is not a difference.
            if wanted.spec.owner == nil { wanted.spec.owner = current.spec.owner }
            let changes = FieldDiff.changes(from: current.desiredState, to: wanted)
            // An unowned cluster of the same name is adopted: the update writes this source's annotations.
            let adopt = current.syncSource == nil
            items.append(item(cluster, manifest, changes.isEmpty && !adopt ? .unchanged : .update, changes: changes, drifted: isDrifted(current)))
        }
        let owned = live.filter { $0.syncSource == options.source && $0.metadata.deletionTimestamp == nil }
        let gone = owned.filter { !desiredKeys.contains(key($0)) }
        var refusal: String?
        if options.prune, !gone.isEmpty, !options.allowMassDeletion,
           Double(gone.count) > options.deletionThreshold * Double(max(owned.count, 1)) {
            refusal = "the sync would delete \(gone.count) of the \(owned.count) clusters this source owns, more than "
                + "\(Int(options.deletionThreshold * 100))%; allow it explicitly to go ahead"
        }
        for cluster in gone {
            let action: SyncAction = !options.prune ? .pruneSkipped : refusal == nil ? .delete : .pruneRefused
            items.append(item(cluster, cluster.metadata.annotations?[SyncAnnotations.manifest], action, drifted: isDrifted(cluster)))
        }
        items.sort { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        return SyncPlan(items: items, pruneRefusal: refusal)
    }

    /// True when the cluster was changed since this source last applied it.
    public static func isDrifted(_ cluster: Cluster) -> Bool {
        guard let applied = cluster.metadata.annotations?[SyncAnnotations.appliedHash] else { return false }
        return applied != cluster.desiredState.hash
    }

    /// The cluster as a sync writes it: the desired state plus this source's ownership annotations.
    public static func stamped(_ cluster: Cluster, source: String, manifest: String, revision: String) -> Cluster {
        var stamped = cluster
        var annotations = cluster.metadata.annotations ?? [:]
        annotations[SyncAnnotations.source] = source
        annotations[SyncAnnotations.manifest] = manifest
        annotations[SyncAnnotations.revision] = revision
        stamped.metadata.annotations = annotations
        let hash = stamped.desiredState.hash
        stamped.metadata.annotations?[SyncAnnotations.appliedHash] = hash
        return stamped
    }

    private static func key(_ cluster: Cluster) -> String { "\(cluster.metadata.namespace ?? "default")/\(cluster.metadata.name)" }

    private static func item(_ cluster: Cluster, _ manifest: String?, _ action: SyncAction, changes: [FieldChange] = [], drifted: Bool = false) -> SyncPlan.Item {
        SyncPlan.Item(namespace: cluster.metadata.namespace ?? "default", name: cluster.metadata.name, manifest: manifest,
                      action: action, changes: changes, drifted: drifted)
    }
}
