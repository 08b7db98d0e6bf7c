import Hummingbird
import OCPCloud
import OCPModel

/// A cluster's outputs: URLs for its team, the kubeconfig for its team, the kubeadmin password for admins only.
/// Each credential handed out is audited; the value itself never is.
struct OutputRoutes: Sendable {
    let clusters: ClusterHandler
    let reader: (any CloudProvider)?
    let audit: AuditRecorder

    func register(on router: RouterGroup<APIContext>) {
        let outputs = "namespaces/:namespace/clusters/:name/outputs"
        router.get(RouterPath(outputs)) { request, context in
            let caller = try context.caller()
            let document = try await clusters.outputs(namespace: context.parameters.require("namespace"), name: context.parameters.require("name"),
                                                      path: request.uri.path, caller: caller)
            return EnvelopeMiddleware.response(document, code: 200)
        }
        router.get("\(outputs)/kubeconfig") { request, context in
            try await reveal(request, context, verb: "download-kubeconfig", access: .read) { $0.kubeconfigRef }
        }
        router.get("\(outputs)/kubeadmin-password") { request, context in
            try await reveal(request, context, verb: "reveal-kubeadmin-password", access: .admin) { $0.kubeadminPasswordRef }
        }
    }

    enum Access { case read, admin }

    /// Reads the credential a reference points at, after the access check; audits the hand-out or its refusal.
    private func reveal(_ request: Request, _ context: APIContext, verb: String, access: Access,
                        _ ref: @Sendable (ClusterOutputsDocument) -> String?) async throws -> Response {
        let caller = try context.caller()
        let (namespace, name) = try (context.parameters.require("namespace"), context.parameters.require("name"))
        func record(_ outcome: String, _ summary: String) async {
            await audit.record(actor: caller.identity.user, verb: verb, resource: "clusters", namespace: namespace, name: name,
                               requestID: caller.requestID, outcome: outcome, summary: summary, logger: caller.logger)
        }
        do {
            if access == .admin, caller.identity.role != .admin {
                throw APIError(.forbidden, "user \"\(caller.identity.user)\" cannot read the kubeadmin password: admins only")
            }
            let document = try await clusters.outputs(namespace: namespace, name: name, path: request.uri.path, caller: caller)
            guard let reference = ref(document), let value = try await reader?.readOutput(ref: reference) else {
                throw APIError(.notFound, "the credential of cluster \"\(name)\" is not available", name: name)
            }
            await record("Success", "handed out \(reference)")
            return EnvelopeMiddleware.bytes(Array(value.utf8), code: 200, contentType: "text/plain; charset=utf-8")
        } catch {
            let status = APIError.from(error).status
            await record(status.code == 403 ? "Denied" : "Failure", "\(status.code) \(status.reason.rawValue): \(status.message)")
            throw error
        }
    }
}
