import Hummingbird
import OCPModel
import OCPStore

/// The one door for every kind: list, get, create, replace, merge-patch and delete at the Kubernetes paths,
/// each authorized by the kind's rules, admitted by its handler, idempotent, dry-runnable and audited.
struct ResourceRoutes<Handler: ResourceHandler>: Sendable {
    let handler: Handler
    let pipeline: WritePipeline
    /// The time Table cells (ages, expiries) are relative to.
    let now: @Sendable () -> Timestamp
    /// Serves `?watch=true` on the collection; nil for a kind that cannot be watched (405).
    var watch: WatchEndpoint? = nil

    /// `namespaces/:namespace/PLURAL` for namespaced kinds, `PLURAL` for cluster-scoped ones, under the API group's path.
    var collection: String {
        handler.names.namespaced ? "namespaces/:namespace/\(handler.names.plural)" : handler.names.plural
    }

    /// Registers every verb on the authenticated `/apis/ocpctl.io/v1alpha1` group.
    func register(on router: RouterGroup<APIContext>) {
        let names = handler.names
        if names.namespaced {
            router.get(RouterPath(names.plural)) { request, context in
                let caller = try context.caller()
                if let response = try watchResponse(request, namespace: nil, caller: caller) { return response }
                return try TableNegotiation.response(request, try await handler.list(namespace: nil, parameters: ListParameters(request), caller: caller), now: now())
            }
        }
        router.get(RouterPath(collection)) { request, context in
            let caller = try context.caller()
            let namespace = context.parameters.get("namespace")
            try handler.authorize(caller.identity, .read, namespace: namespace)
            if let response = try watchResponse(request, namespace: namespace, caller: caller) { return response }
            return try TableNegotiation.response(request, try await handler.list(namespace: namespace, parameters: ListParameters(request), caller: caller), now: now())
        }
        router.get("\(collection)/:name") { request, context in
            let caller = try context.caller()
            let namespace = context.parameters.get("namespace")
            try handler.authorize(caller.identity, .read, namespace: namespace)
            return try TableNegotiation.response(request, try await handler.get(namespace: namespace, name: context.parameters.require("name")), now: now())
        }
        router.post(RouterPath(collection)) { request, context in
            let dryRun = try request.dryRun()
            let (validation, manager) = (try FieldValidation(request), try ManagedFields.manager(request, required: false))
            return try await pipeline.run(request, context, resource: names.plural, verb: "create", code: 201, dryRun: dryRun,
                                        authorize: { try handler.authorize($0, .write, namespace: context.parameters.get("namespace")) }) { caller, body, note in
                let namespace = context.parameters.get("namespace")
                var object = try validation.decode(body, note: &note, handler.decode)
                note.name = object.metadata.name
                try place(&object, namespace: namespace, name: nil)
                object.metadata = object.metadata.clientSettable
                object = object.withoutStatus
                try ManagedFields.recordUpdate(&object, current: nil, manager: manager, now: handler.now())
                return try await handler.create(object, caller: caller, dryRun: dryRun, note: &note)
            }
        }
        router.put("\(collection)/:name") { request, context in
            let dryRun = try request.dryRun()
            let (validation, manager) = (try FieldValidation(request), try ManagedFields.manager(request, required: false))
            return try await pipeline.run(request, context, resource: names.plural, verb: "update", code: 200, dryRun: dryRun,
                                        authorize: { try handler.authorize($0, .write, namespace: context.parameters.get("namespace")) }) { caller, body, note in
                let (namespace, name) = (context.parameters.get("namespace"), try context.parameters.require("name"))
                var desired = try validation.decode(body, note: &note, handler.decode)
                try place(&desired, namespace: namespace, name: name)
                let current = try await handler.get(namespace: namespace, name: name)
                try precondition(desired.metadata.resourceVersion, current)
                try ManagedFields.recordUpdate(&desired, current: current, manager: manager, now: handler.now())
                return try await handler.update(desired, current: current, caller: caller, dryRun: dryRun, note: &note)
            }
        }
        router.patch("\(collection)/:name") { request, context in
            let dryRun = try request.dryRun()
            let type = try PatchType(contentType: request.headers[.contentType])
            let validation = try FieldValidation(request)
            let manager = try ManagedFields.manager(request, required: type == .apply)
            let force = try WatchOptions.flag(request, "force")
            if force && type != .apply { throw APIError(.badRequest, "force may only be set for apply patches (application/apply-patch+yaml)") }
            return try await pipeline.run(request, context, resource: names.plural, verb: "patch", code: 200, dryRun: dryRun,
                                        authorize: { try handler.authorize($0, .write, namespace: context.parameters.get("namespace")) }) { caller, body, note in
                let (namespace, name) = (context.parameters.get("namespace"), try context.parameters.require("name"))
                // As kube-apiserver's GuaranteedUpdate: a patch that pins no resourceVersion is applied again to the
                // newer object when another write (the reconciler's status) lands between its read and its write.
                var attempt = 1
                while true {
                    do {
                        return try await patchOnce(type, body, namespace: namespace, name: name, manager: manager, force: force,
                                                   validation: validation, caller: caller, dryRun: dryRun, note: &note)
                    } catch StoreError.conflict where attempt < 5 && !Self.pinsVersion(body) {
                        attempt += 1
                    }
                }
            }
        }
        router.delete("\(collection)/:name") { request, context in
            try await pipeline.run(request, context, resource: names.plural, verb: "delete", code: 200, dryRun: try request.dryRun(),
                                   dryRunInBody: { try DeleteOptions(body: $0, request: request).dryRun },
                                   authorize: { try handler.authorize($0, .write, namespace: context.parameters.get("namespace")) }) { caller, body, note in
                let (namespace, name) = (context.parameters.get("namespace"), try context.parameters.require("name"))
                let options = try DeleteOptions(body: body, request: request)
                let current = try await handler.get(namespace: namespace, name: name)
                try precondition(options.queryResourceVersion, current)
                try options.check(current.metadata, kind: names.kind)
                return try await handler.delete(current, caller: caller, dryRun: options.dryRun, note: &note)
            }
        }
    }

    /// One patch: read, apply the patch (or the server-side apply), write with the read version as precondition.
    private func patchOnce(_ type: PatchType, _ body: [UInt8], namespace: String?, name: String, manager: String, force: Bool,
                           validation: FieldValidation, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> Handler.Object {
        if type == .apply {
            return try await serverSideApply(body, namespace: namespace, name: name, apply: ServerSideApply(manager: manager, force: force, now: handler.now()),
                                             validation: validation, caller: caller, dryRun: dryRun, note: &note)
        }
        let current = try await handler.get(namespace: namespace, name: name)
        var base = current.withoutStatus
        base.metadata.resourceVersion = nil
        base.metadata.managedFields = nil
        let original = try ResourceEncoding.jsonData(base)
        let patched = type == .json ? try JSONPatch.apply(body, to: original) : try MergePatch.apply(body, to: original)
        var desired = try validation.decode(Array(patched), note: &note, handler.decode)
        try place(&desired, namespace: namespace, name: name)
        try precondition(desired.metadata.resourceVersion, current)
        try ManagedFields.recordUpdate(&desired, current: current, manager: manager, now: handler.now())
        return try await handler.update(desired, current: current, caller: caller, dryRun: dryRun, note: &note)
    }

    /// Whether the patch names a resourceVersion: then a conflict is the answer the client asked for, not a race.
    static func pinsVersion(_ body: [UInt8]) -> Bool {
        String(decoding: body, as: UTF8.self).contains("resourceVersion")
    }

    /// Server-side apply: creates the object when absent, else merges the applied fields into it by ownership.
    private func serverSideApply(_ body: [UInt8], namespace: String?, name: String, apply: ServerSideApply<Handler.Object>, validation: FieldValidation,
                                 caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> Handler.Object {
        var applied = try validation.decode(body, note: &note, handler.decode)
        try place(&applied, namespace: namespace, name: name)
        if applied.metadata.managedFields != nil {
            throw APIError(.badRequest, "metadata.managedFields must be nil in an apply patch")
        }
        let current: Handler.Object?
        do {
            current = try await handler.get(namespace: namespace, name: name)
        } catch StoreError.notFound {
            current = nil
        }
        if let current { try precondition(applied.metadata.resourceVersion, current) }
        let (merged, managedFields) = try apply.merge(applied: applied, current: current)
        var desired = try handler.decode(merged)
        try place(&desired, namespace: namespace, name: name)
        desired.metadata.managedFields = managedFields
        guard let current else {
            desired.metadata = desired.metadata.clientSettable
            desired.metadata.managedFields = managedFields
            return try await handler.create(desired.withoutStatus, caller: caller, dryRun: dryRun, note: &note)
        }
        return try await handler.update(desired, current: current, caller: caller, dryRun: dryRun, note: &note)
    }

    /// The watch response for `?watch=true`, or nil for a plain list.
    private func watchResponse(_ request: Request, namespace: String?, caller: Caller) throws(APIError) -> Response? {
        guard try WatchOptions.isWatch(request) else { return nil }
        guard let watch else { throw APIError(.methodNotAllowed, "\(handler.names.qualified) cannot be watched") }
        return try watch(request, try WatchFilter(namespace: namespace, parameters: ListParameters(request), identity: caller.identity))
    }

    /// Checks that the body names the same namespace and name as the URL, filling the namespace when left out.
    private func place(_ object: inout Handler.Object, namespace: String?, name: String?) throws(APIError) {
        if let namespace {
            if let bodyNamespace = object.metadata.namespace, bodyNamespace != namespace {
                throw APIError(.badRequest, "the namespace of the object (\(bodyNamespace)) does not match the namespace of the request (\(namespace))")
            }
            object.metadata.namespace = namespace
        } else if let bodyNamespace = object.metadata.namespace {
            throw APIError(.badRequest, "\(handler.names.qualified) is cluster-scoped: the object must not name a namespace, got \"\(bodyNamespace)\"")
        }
        if let name, object.metadata.name != name {
            throw APIError(.badRequest, "the name of the object (\(object.metadata.name)) does not match the name in the URL (\(name))")
        }
    }

    /// A `resourceVersion` sent with a write is a precondition, as in Kubernetes.
    private func precondition(_ expected: String?, _ current: Handler.Object) throws(StoreError) {
        if let expected, expected != current.metadata.resourceVersion {
            throw StoreError.conflict(kind: handler.names.kind, name: current.metadata.name, expectedVersion: expected,
                                      actual: current.metadata.resourceVersion ?? "")
        }
    }
}
