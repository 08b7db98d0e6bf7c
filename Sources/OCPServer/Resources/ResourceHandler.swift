import Hummingbird
import OCPModel

/// What one kind brings to the generic resource layer: its names, who may do what, strict decoding, admission
/// and its store calls. Authentication, idempotency, dry runs, audit and Status errors are the layer's.
protocol ResourceHandler: Sendable {
    associatedtype Object: APIObject

    var names: ResourceNames { get }

    /// The server's clock, for the times it records (managedFields).
    var now: @Sendable () -> Timestamp { get }

    /// Throws unless `identity` may have `access` in `namespace` (nil: every namespace, or a cluster-scoped kind).
    func authorize(_ identity: Identity, _ access: Authorization.Access, namespace: String?) throws(AccessDenied)

    /// Strictly decodes exactly one document of this kind: syntax errors are 400, field errors 422.
    func decode(_ body: [UInt8]) throws(APIError) -> Object

    /// The stored object, or `StoreError.notFound`.
    func get(namespace: String?, name: String) async throws -> Object

    /// One page of the kind, filtered to what the caller may read.
    func list(namespace: String?, parameters: ListParameters, caller: Caller) async throws -> any Encodable & Sendable

    /// Admits and stores a new object (or, for a dry run, only admits it).
    func create(_ object: Object, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> Object

    /// Admits `desired` over `current` and stores it.
    func update(_ desired: Object, current: Object, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> Object

    /// Deletes `current` (for clusters: requests deletion) and returns what the client sees.
    func delete(_ current: Object, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> Object
}

extension ResourceHandler {
    /// Namespaced kinds follow the team rules; cluster-scoped kinds are the admins'.
    func authorize(_ identity: Identity, _ access: Authorization.Access, namespace: String?) throws(AccessDenied) {
        if names.namespaced {
            try Authorization.check(identity, access, resource: names.plural, namespace: namespace)
        } else {
            try Authorization.checkClusterScoped(identity, access, resource: names.plural)
        }
    }

    /// Decodes one document with the strict decoder shared by every kind except clusters (which keep field lines).
    func strictDecode(_ body: [UInt8]) throws(APIError) -> Object {
        guard !body.isEmpty else { throw APIError(.badRequest, "the request body is empty: send one \(names.kind) document") }
        guard let text = String(validating: body, as: UTF8.self) else { throw APIError(.badRequest, "the request body is not UTF-8 text") }
        do {
            return try StrictYAML.decode(Object.self, from: text)
        } catch {
            if error.reason == .syntax {
                throw APIError(.badRequest, "the request body is not valid YAML or JSON: line \(error.line ?? 1): \(error.message)")
            }
            throw APIError.invalid(kind: names.kind, "", [error])
        }
    }

    /// The errors every kind shares: its apiVersion and kind.
    func typeErrors(_ object: Object) -> [FieldError] {
        var errors: [FieldError] = []
        if object.apiVersion != Cluster.apiVersion {
            errors.append(FieldError(reason: .notSupported, field: "apiVersion", message: "unsupported value \"\(object.apiVersion)\": must be \"\(Cluster.apiVersion)\""))
        }
        if object.kind != names.kind {
            errors.append(FieldError(reason: .notSupported, field: "kind", message: "unsupported value \"\(object.kind)\": must be \"\(names.kind)\""))
        }
        return errors
    }
}

/// A list request's query parameters.
struct ListParameters: Sendable {
    var labelSelector: String?
    var fieldSelector: String?
    var limit: String?
    var continueToken: String?
    var resourceVersion: String?
    var resourceVersionMatch: String?

    init(_ request: Request) {
        labelSelector = request.query("labelSelector")
        fieldSelector = request.query("fieldSelector")
        limit = request.query("limit")
        continueToken = request.query("continue")
        resourceVersion = request.query("resourceVersion")
        resourceVersionMatch = request.query("resourceVersionMatch")
    }

}
