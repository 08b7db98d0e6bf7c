import Hummingbird
import OCPModel
import OCPStore
import Prometheus

/// Unauthenticated service routes: health, readiness, version and metrics; and the read-only catalogue routes.
struct ServiceRoutes: Sendable {
    let store: any ControlPlaneStore
    let registry: PrometheusCollectorRegistry
    let version: String
    let profiles: ProfileCatalog

    /// The unauthenticated routes.
    func register(on router: Router<APIContext>) {
        router.get("/healthz") { _, _ in
            EnvelopeMiddleware.bytes(Array("ok".utf8), code: 200, contentType: "text/plain")
        }
        router.get("/readyz") { _, context in
            // Opening the store applied every migration, so a store that answers is migrated.
            do {
                _ = try await store.currentRevision()
                return EnvelopeMiddleware.bytes(Array("ok".utf8), code: 200, contentType: "text/plain")
            } catch {
                context.logger.warning("readiness check failed", metadata: ["error": "\(error)"])
                throw APIError(.serviceUnavailable, "the store is not reachable")
            }
        }
        router.get("/version") { _, _ in
            EnvelopeMiddleware.response(VersionDocument(version: version), code: 200)
        }
        router.get("/metrics") { _, _ in
            EnvelopeMiddleware.bytes(registry.emitToBuffer(), code: 200, contentType: "text/plain; version=0.0.4")
        }
    }

    /// The read-only catalogue routes, behind authentication.
    func registerCatalogue(on router: RouterGroup<APIContext>) {
        router.get("profiles") { _, _ in
            EnvelopeMiddleware.response(ItemList(kind: "ProfileList", items: profiles.sorted), code: 200)
        }
        router.get("profiles/:name") { _, context in
            let name = try context.parameters.require("name")
            guard let profile = profiles[name] else { throw APIError(.notFound, "profiles.ocpctl.io \"\(name)\" not found", name: name) }
            return EnvelopeMiddleware.response(profile, code: 200)
        }
        router.get("auditevents") { request, context in
            try Authorization.checkAuditTrail(try context.caller().identity)
            var query = AuditQuery(actor: request.query("actor"), verb: request.query("verb"), namespace: request.query("namespace"),
                                   name: request.query("name"), requestID: request.query("requestID"))
            query.resource = request.query("resource")
            query.afterID = request.query("after").flatMap(Int64.init)
            query.limit = request.query("limit").flatMap(Int.init)
            return EnvelopeMiddleware.response(ItemList(kind: "AuditEventList", items: try await store.listAuditEvents(query)), code: 200)
        }
    }
}
