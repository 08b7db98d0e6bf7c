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
                return try TableNegotiation.response(request, try await handler.list(namespace: nil, parameters: ListParameters(request), caller: caller), now: now())
            }
        }
        router.get(RouterPath(collection)) { request, context in
            let caller = try context.caller()
            let namespace = context.parameters.get("namespace")
            try handler.authorize(caller.identity, .read, namespace: namespace)
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
            return try await pipeline.run(request, context, resource: names.plural, verb: "create", code: 201, dryRun: dryRun,
                                        authorize: { try handler.authorize($0, .write, namespace: context.parameters.get("namespace")) }) { caller, body, note in
                let namespace = context.parameters.get("namespace")
                var object = try handler.decode(body)
                note.name = object.metadata.name
                try place(&object, namespace: namespace, name: nil)
                object.metadata = object.metadata.clientSettable
                object = object.withoutStatus
                return try await handler.create(object, caller: caller, dryRun: dryRun, note: &note)
            }
        }
        router.put("\(collection)/:name") { request, context in
            let dryRun = try request.dryRun()
            return try await pipeline.run(request, context, resource: names.plural, verb: "update", code: 200, dryRun: dryRun,
                                        authorize: { try handler.authorize($0, .write, namespace: context.parameters.get("namespace")) }) { caller, body, note in
                let (namespace, name) = (context.parameters.get("namespace"), try context.parameters.require("name"))
                var desired = try handler.decode(body)
                try place(&desired, namespace: namespace, name: name)
                let current = try await handler.get(namespace: namespace, name: name)
                try precondition(desired.metadata.resourceVersion, current)
                return try await handler.update(desired, current: current, caller: caller, dryRun: dryRun, note: &note)
            }
        }
        router.patch("\(collection)/:name") { request, context in
            let dryRun = try request.dryRun()
            let contentType = request.headers[.contentType]
            return try await pipeline.run(request, context, resource: names.plural, verb: "patch", code: 200, dryRun: dryRun,
                                        authorize: { try handler.authorize($0, .write, namespace: context.parameters.get("namespace")) }) { caller, body, note in
                let (namespace, name) = (context.parameters.get("namespace"), try context.parameters.require("name"))
                try MergePatch.requireContentType(contentType)
                let current = try await handler.get(namespace: namespace, name: name)
                var base = current.withoutStatus
                base.metadata.resourceVersion = nil
                let patched = try MergePatch.apply(body, to: try ResourceEncoding.jsonData(base))
                var desired = try handler.decode(Array(patched))
                try place(&desired, namespace: namespace, name: name)
                try precondition(desired.metadata.resourceVersion, current)
                return try await handler.update(desired, current: current, caller: caller, dryRun: dryRun, note: &note)
            }
        }
        router.delete("\(collection)/:name") { request, context in
            let dryRun = try request.dryRun()
            let expected = request.query("resourceVersion")
            return try await pipeline.run(request, context, resource: names.plural, verb: "delete", code: 200, dryRun: dryRun,
                                        authorize: { try handler.authorize($0, .write, namespace: context.parameters.get("namespace")) }) { caller, _, note in
                let (namespace, name) = (context.parameters.get("namespace"), try context.parameters.require("name"))
                let current = try await handler.get(namespace: namespace, name: name)
                try precondition(expected, current)
                return try await handler.delete(current, caller: caller, dryRun: dryRun, note: &note)
            }
        }
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
