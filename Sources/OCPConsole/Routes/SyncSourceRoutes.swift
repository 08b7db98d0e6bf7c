import Hummingbird
import OCPModel

/// The sync sources the user may see: revision, conditions, the result per cluster and drift.
struct SyncSourceRoutes<Context: RequestContext>: Sendable {
    let console: Console<Context>

    struct Model {
        struct Source {
            var namespace: String
            var name: String
            var repo: String
            var revision: String
            var synced: String
            var attempted: String
            var lastSync: String
            var conditions: [ClusterView.ConditionRow]
            var resources: [Resource]
            var drift: [Resource]
            var hasDrift: Bool
        }

        struct Resource {
            var namespace: String
            var name: String
            var action: String
            var message: String
        }

        var sources: [Source]
        var empty: Bool
    }

    func register(on ui: RouterGroup<Context>) {
        ui.get("syncsources") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let list = try await console.api.get(ItemList<SyncSource>.self, ConsoleAPI<Context>.base + "/syncsources", token: session.token,
                                                     context: context)
                let sources = list.items.map { source in
                    let status = source.status
                    func resources(_ items: [SyncResourceStatus]?) -> [Model.Resource] {
                        (items ?? []).map { Model.Resource(namespace: $0.namespace, name: $0.name, action: $0.action.rawValue, message: $0.message ?? "") }
                    }
                    return Model.Source(
                        namespace: source.metadata.namespace ?? "", name: source.metadata.name, repo: source.spec.repo,
                        revision: source.spec.revision ?? "", synced: status?.lastSyncedRevision ?? "", attempted: status?.lastAttemptedRevision ?? "",
                        lastSync: status?.lastSyncTime?.rfc3339 ?? "",
                        conditions: (status?.conditions ?? []).map(ClusterView.ConditionRow.init),
                        resources: resources(status?.resources), drift: resources(status?.drift), hasDrift: !(status?.drift ?? []).isEmpty)
                }
                return console.page("Sync sources", session, "syncsources", Model(sources: sources, empty: sources.isEmpty), section: .init(sync: true))
            }
        }
    }
}
