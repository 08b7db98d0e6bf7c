public import OCPModel

/// What one sync did, or why it did nothing.
public struct SyncOutcome: Sendable {
    /// Every document error; when there is one the sync changed nothing.
    public var errors: [ManifestError]
    public var plan: SyncPlan
    /// Items whose write failed, with the error.
    public var failures: [String: String]
    /// Whether the plan was carried out (false for a dry run or an invalid source).
    public var applied: Bool

    /// True when nothing needed to change.
    public var inSync: Bool { errors.isEmpty && plan.isInSync && plan.pruneRefusal == nil }
}

/// Validates every document first, then plans against the live clusters, then applies (architecture.md §6 GitOps).
public enum SyncEngine {
    /// Syncs `documents` into `target` as source `options.source`, stamping `revision` on what it writes.
    ///
    /// - `revertDrift`: when false, updates whose only cause is drift (the source did not change) are left alone
    ///   and reported, as a source without selfHeal does.
    /// - `destinations`: where a server-side source may write; a document naming another namespace fails the whole
    ///   sync, and clusters outside them are neither read nor pruned. Nil for `ocpctl sync`, which the API authorizes.
    public static func sync(
        _ documents: [Result<ManifestDocument, ManifestError>], profiles: ProfileCatalog, target: any SyncTarget,
        options: SyncPlanner.Options, revision: String, dryRun: Bool, revertDrift: Bool = true, destinations: SyncDestinations? = nil
    ) async throws -> SyncOutcome {
        var checked = ValidatedManifests(documents, profiles: profiles, defaultNamespace: destinations?.home ?? "default")
        if let destinations { checked = destinations.confine(checked) }
        guard checked.isValid else {
            return SyncOutcome(errors: checked.errors, plan: SyncPlan(items: []), failures: [:], applied: false)
        }
        var live = try await target.liveClusters()
        if let destinations { live = live.filter { destinations.allows($0.metadata.namespace ?? "default") } }
        var plan = SyncPlanner.plan(desired: checked.valid, live: live, options: options)
        if !revertDrift {
            plan.items = plan.items.map { item in
                var item = item
                if item.action == .update, item.drifted, unchangedSinceLastApply(item, live: live, desired: checked.valid) {
                    item.action = .unchanged
                }
                return item
            }
        }
        guard !dryRun else { return SyncOutcome(errors: [], plan: plan, failures: [:], applied: false) }

        let desired = Dictionary(checked.valid.map { ("\($0.cluster.metadata.namespace ?? "default")/\($0.cluster.metadata.name)", $0) },
                                 uniquingKeysWith: { first, _ in first })
        let liveByKey = Dictionary(live.map { ("\($0.metadata.namespace ?? "default")/\($0.metadata.name)", $0) },
                                   uniquingKeysWith: { first, _ in first })
        var failures: [String: String] = [:]
        for item in plan.items {
            let key = "\(item.namespace)/\(item.name)"
            do {
                switch item.action {
                case .create:
                    guard let document = desired[key] else { continue }
                    try await target.create(SyncPlanner.stamped(document.cluster, source: options.source, manifest: item.manifest ?? "", revision: revision))
                case .update:
                    guard let document = desired[key], let current = liveByKey[key] else { continue }
                    try await target.update(SyncPlanner.stamped(document.cluster, source: options.source, manifest: item.manifest ?? "", revision: revision),
                                            over: current)
                case .delete:
                    try await target.delete(namespace: item.namespace, name: item.name)
                case .unchanged, .pruneSkipped, .pruneRefused, .conflict:
                    continue
                }
            } catch {
                failures[key] = "\(error)"
            }
        }
        return SyncOutcome(errors: [], plan: plan, failures: failures, applied: true)
    }

    /// True when the document is what the source applied last time, so the only difference is the live edit.
    private static func unchangedSinceLastApply(_ item: SyncPlan.Item, live: [Cluster], desired: [ManifestDocument]) -> Bool {
        guard let current = live.first(where: { $0.metadata.namespace == item.namespace && $0.metadata.name == item.name }),
              let applied = current.metadata.annotations?[SyncAnnotations.appliedHash],
              let document = desired.first(where: { $0.cluster.metadata.namespace == item.namespace && $0.cluster.metadata.name == item.name })
        else { return false }
        return document.cluster.desiredState.hash == applied
    }
}
