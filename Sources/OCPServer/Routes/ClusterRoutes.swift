import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OCPModel
import OCPStore

/// Binds the cluster API to Hummingbird routes (DESIGN §6): authentication, bodies, idempotency, response codes.
struct ClusterRoutes: Sendable {
    static let base = "/apis/ocpctl.io/v1alpha1"
    let api: ClusterAPI
    let authenticator: Authenticator
    let idempotency: IdempotencyGate
    let maxBodyBytes: Int
    let audit: AuditRecorder

    func register(on router: Router<APIContext>) {
        let namespaced = "\(Self.base)/namespaces/:namespace/clusters"
        router.get("\(Self.base)/clusters") { request, context in
            try await read(request, context) { caller in
                try await api.list(namespace: nil, selector: request.query("labelSelector"), limit: request.query("limit"),
                                   continueToken: request.query("continue"), caller: caller)
            }
        }
        router.get(RouterPath(namespaced)) { request, context in
            try await read(request, context) { caller in
                try await api.list(namespace: context.parameters.require("namespace"), selector: request.query("labelSelector"),
                                   limit: request.query("limit"), continueToken: request.query("continue"), caller: caller)
            }
        }
        router.get("\(namespaced)/:name") { request, context in
            try await read(request, context) { caller in try await api.get(namespace: ns(context), name: name(context), caller: caller) }
        }
        router.get("\(namespaced)/:name/status") { request, context in
            try await read(request, context) { caller in try await api.get(namespace: ns(context), name: name(context), caller: caller) }
        }
        router.get("\(namespaced)/:name/operations") { request, context in
            try await read(request, context) { caller in
                ItemList(kind: "OperationList", items: try await api.operations(namespace: ns(context), name: name(context), caller: caller))
            }
        }
        router.get("\(namespaced)/:name/events") { request, context in
            try await read(request, context) { caller in
                ItemList(kind: "AuditEventList", items: try await api.events(
                    namespace: ns(context), name: name(context), limit: request.query("limit").flatMap(Int.init), caller: caller))
            }
        }
        router.post(RouterPath(namespaced)) { request, context in
            try await write(request, context, created: 201) { caller, body in
                try await api.create(namespace: ns(context), body: body, dryRun: request.dryRun(), caller: caller)
            }
        }
        router.put("\(namespaced)/:name") { request, context in
            try await write(request, context) { caller, body in
                try await api.replace(namespace: ns(context), name: name(context), body: body, dryRun: request.dryRun(), caller: caller)
            }
        }
        router.patch("\(namespaced)/:name") { request, context in
            try await write(request, context) { caller, body in
                try await api.patch(namespace: ns(context), name: name(context), body: body, contentType: request.headers[.contentType],
                                    dryRun: request.dryRun(), caller: caller)
            }
        }
        router.put("\(namespaced)/:name/status") { request, context in
            try await write(request, context) { caller, body in
                try await api.replaceStatus(namespace: ns(context), name: name(context), body: body, caller: caller)
            }
        }
        router.delete("\(namespaced)/:name") { request, context in
            try await write(request, context) { caller, _ in
                try await api.delete(namespace: ns(context), name: name(context), resourceVersion: request.query("resourceVersion"),
                                     dryRun: request.dryRun(), caller: caller)
            }
        }
    }

    private func ns(_ context: APIContext) throws -> String { try context.parameters.require("namespace") }
    private func name(_ context: APIContext) throws -> String { try context.parameters.require("name") }

    /// Authenticates a caller; a failed attempt at a write is audited as denied, with no token in it.
    func caller(_ request: Request, _ context: APIContext) async throws -> Caller {
        do {
            let identity = try authenticator.authenticate(authorization: request.headers[.authorization])
            return Caller(identity: identity, requestID: context.requestID, logger: context.logger)
        } catch {
            if request.method != .get && request.method != .head {
                await audit.record(actor: "system:anonymous", verb: request.method.rawValue.lowercased(), namespace: context.parameters.get("namespace"),
                                   name: context.parameters.get("name"), requestID: context.requestID, outcome: "Denied",
                                   summary: "401 Unauthorized: \(error.status.message)", logger: context.logger)
            }
            throw error
        }
    }

    private func read(_ request: Request, _ context: APIContext, _ body: (Caller) async throws -> some Encodable) async throws -> Response {
        let caller = try await caller(request, context)
        return EnvelopeMiddleware.response(try await body(caller), code: 200)
    }

    /// A mutating request: body within the limit, then once per Idempotency-Key when one is sent.
    private func write(_ request: Request, _ context: APIContext, created: Int = 200,
                       _ body: @escaping (Caller, [UInt8]) async throws -> Cluster) async throws -> Response {
        let caller = try await caller(request, context)
        let bytes = try await request.readBody(limit: maxBodyBytes)
        let run: () async throws -> APIResponse = {
            let cluster = try await body(caller, bytes)
            return APIResponse(code: created, body: Array(try ResourceEncoding.jsonData(cluster)))
        }
        let response: APIResponse
        if let key = request.headers[IdempotencyGate.header] {
            let hash = IdempotencyGate.hash(method: request.method.rawValue, path: request.uri.description, body: bytes)
            response = try await idempotency.run(caller: caller.identity.user, key: key, requestHash: hash, run)
        } else {
            response = try await run()
        }
        var http = EnvelopeMiddleware.bytes(response.body, code: response.code)
        if response.replayed { http.headers[IdempotencyGate.replayedHeader] = "true" }
        return http
    }
}

extension IdempotencyGate {
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
}
