import Foundation
import Hummingbird
import OCPModel
import OCPStore

/// `/apis/ocpctl.io/v1alpha1/namespaces/{ns}/syncsources`: sync sources, with the clusters' auth and RBAC.
struct SyncSourceRoutes: Sendable {
    let store: any ControlPlaneStore
    let clusters: ClusterRoutes
    let audit: AuditRecorder
    let maxBodyBytes: Int
    let now: @Sendable () -> Timestamp

    func register(on router: Router<APIContext>) {
        let base = ClusterRoutes.base
        let namespaced = "\(base)/namespaces/:namespace/syncsources"
        router.get("\(base)/syncsources") { request, context in
            let caller = try await clusters.caller(request, context)
            var sources = try await store.listSyncSources(namespace: nil)
            if !Authorization.readsEverything(caller.identity) {
                sources = sources.filter { caller.identity.teams.contains($0.metadata.namespace ?? "") }
            }
            return EnvelopeMiddleware.response(ItemList(kind: "SyncSourceList", items: sources), code: 200)
        }
        router.get(RouterPath(namespaced)) { request, context in
            let caller = try await clusters.caller(request, context)
            let namespace = try context.parameters.require("namespace")
            try Authorization.check(caller.identity, .read, namespace: namespace)
            return EnvelopeMiddleware.response(ItemList(kind: "SyncSourceList", items: try await store.listSyncSources(namespace: namespace)), code: 200)
        }
        router.get("\(namespaced)/:name") { request, context in
            let caller = try await clusters.caller(request, context)
            let (namespace, name) = try (context.parameters.require("namespace"), context.parameters.require("name"))
            try Authorization.check(caller.identity, .read, namespace: namespace)
            return EnvelopeMiddleware.response(try await store.getSyncSource(namespace: namespace, name: name), code: 200)
        }
        router.post(RouterPath(namespaced)) { request, context in
            try await write(request, context, verb: "create", code: 201) { namespace, _, source in
                try await store.createSyncSource(source, now: now())
            }
        }
        router.put("\(namespaced)/:name") { request, context in
            try await write(request, context, verb: "update", code: 200) { _, _, source in
                try await store.updateSyncSource(source)
            }
        }
        router.delete("\(namespaced)/:name") { request, context in
            let caller = try await clusters.caller(request, context)
            let (namespace, name) = try (context.parameters.require("namespace"), context.parameters.require("name"))
            try Authorization.check(caller.identity, .write, namespace: namespace)
            let source = try await store.getSyncSource(namespace: namespace, name: name)
            try await store.deleteSyncSource(namespace: namespace, name: name)
            await audit.record(actor: caller.identity.user, verb: "delete", namespace: namespace, name: name, requestID: caller.requestID,
                               outcome: "Success", summary: "syncsource deleted; its clusters stay", logger: caller.logger)
            return EnvelopeMiddleware.response(source, code: 200)
        }
    }

    /// Decodes, checks and writes a source from the body, and audits it.
    private func write(_ request: Request, _ context: APIContext, verb: String, code: Int,
                       _ body: @escaping (String, String?, SyncSource) async throws -> SyncSource) async throws -> Response {
        let caller = try await clusters.caller(request, context)
        let namespace = try context.parameters.require("namespace")
        try Authorization.check(caller.identity, .write, namespace: namespace)
        let bytes = try await request.readBody(limit: maxBodyBytes)
        var source = try decode(bytes)
        if let bodyNamespace = source.metadata.namespace, bodyNamespace != namespace {
            throw APIError(.badRequest, "the namespace of the object (\(bodyNamespace)) does not match the namespace of the request (\(namespace))")
        }
        if let name = context.parameters.get("name"), name != source.metadata.name {
            throw APIError(.badRequest, "the name of the object (\(source.metadata.name)) does not match the name in the URL (\(name))")
        }
        source.metadata.namespace = namespace
        source.status = nil
        var errors = NameRules.dns1123Label(source.metadata.name, field: "metadata.name") + source.spec.validate()
        if source.apiVersion != Cluster.apiVersion {
            errors.append(FieldError(reason: .notSupported, field: "apiVersion", message: "unsupported value \"\(source.apiVersion)\": must be \"\(Cluster.apiVersion)\""))
        }
        if source.kind != SyncSource.kind {
            errors.append(FieldError(reason: .notSupported, field: "kind", message: "unsupported value \"\(source.kind)\": must be \"\(SyncSource.kind)\""))
        }
        guard errors.isEmpty else { throw APIError.invalid(source.metadata.name, errors) }
        let stored = try await body(namespace, context.parameters.get("name"), source)
        await audit.record(actor: caller.identity.user, verb: verb, namespace: namespace, name: stored.metadata.name, requestID: caller.requestID,
                           outcome: "Success", summary: "syncsource \(verb): repo \(stored.spec.repo) path \(stored.spec.path ?? ".")",
                           logger: caller.logger)
        return EnvelopeMiddleware.response(stored, code: code)
    }

    private func decode(_ bytes: [UInt8]) throws -> SyncSource {
        guard !bytes.isEmpty else { throw APIError(.badRequest, "the request body is empty: send one SyncSource document") }
        do {
            return try StrictYAML.decode(SyncSource.self, from: String(decoding: bytes, as: UTF8.self))
        } catch {
            if error.reason == .syntax { throw APIError(.badRequest, "the request body is not valid YAML or JSON: line \(error.line ?? 1): \(error.message)") }
            throw APIError.invalid("", [error])
        }
    }
}
