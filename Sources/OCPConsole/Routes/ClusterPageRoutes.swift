import HTTPTypes
import Hummingbird
import OCPModel

/// The cluster page: everything about one cluster the user may read; a cluster of another team is refused by the
/// API as any read of it would be.
struct ClusterPageRoutes<Context: RequestContext>: Sendable {
    let console: Console<Context>

    func register(on ui: RouterGroup<Context>) {
        ui.get("clusters/:namespace/:name") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let (namespace, name) = try ClusterPath.parse(context)
                return try await console.clusterPage(namespace, name, session, context,
                                                     flash: ClusterView.flash(request.uri.queryParameters.get("done")))
            }
        }
    }
}

/// The namespace and name of a cluster page's path, checked before they go anywhere.
enum ClusterPath {
    static func parse<Context: RequestContext>(_ context: Context) throws(ConsoleFailure) -> (String, String) {
        guard let namespace = context.parameters.get("namespace"), NameRules.isDNS1123Label(namespace),
              let name = context.parameters.get("name"), NameRules.isDNS1123Label(name)
        else { throw .badRequest("a cluster page's path is /ui/clusters/TEAM/NAME, each a DNS label") }
        return (namespace, name)
    }

    static func api(_ namespace: String, _ name: String) -> String {
        "/apis/ocpctl.io/v1alpha1/namespaces/\(namespace)/clusters/\(name)"
    }
}

extension Console {
    /// Renders a cluster's page; an action's refusal comes back in `error`, a revealed password in `secret`.
    func clusterPage(_ namespace: String, _ name: String, _ session: ConsoleSession, _ context: Context, flash: String? = nil,
                     error: StatusDocument? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let path = ClusterPath.api(namespace, name)
        let cluster = try await api.get(Cluster.self, path, token: session.token, context: context)
        async let operations = try? api.get(ItemList<OperationDocument>.self, path + "/operations", token: session.token, context: context).items
        async let events = try? api.get(ItemList<AuditEvent>.self, path + "/events?limit=50", token: session.token, context: context).items
        async let outputs = try? api.get(ClusterOutputsDocument.self, path + "/outputs", token: session.token, context: context)
        async let profile = try? api.get(Profile.self, ConsoleAPI<Context>.base + "/profiles/" + cluster.spec.profile, token: session.token,
                                         context: context)
        let model = ClusterView(cluster: cluster, profile: await profile, operations: await operations ?? [], events: await events ?? [],
                                outputs: await outputs, session: session, flash: flash, error: error.map(FormError.init))
        return page(name, session, "cluster", model, section: .init(clusters: true), status: status)
    }
}
