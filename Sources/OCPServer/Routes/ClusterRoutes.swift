import Hummingbird
import OCPModel
import OCPStore

/// The routes only clusters have, beside the generic ones: the status subresource, extend, operations and events.
struct ClusterRoutes: Sendable {
    let handler: ClusterHandler
    let pipeline: WritePipeline

    func register(on router: RouterGroup<APIContext>) {
        let item = "namespaces/:namespace/clusters/:name"
        router.get("\(item)/status") { _, context in
            let caller = try context.caller()
            let (namespace, name) = try (context.parameters.require("namespace"), context.parameters.require("name"))
            try Authorization.check(caller.identity, .read, namespace: namespace)
            return EnvelopeMiddleware.response(try await handler.get(namespace: namespace, name: name), code: 200)
        }
        router.put("\(item)/status") { request, context in
            try await pipeline.run(request, context, resource: "clusters", verb: "update-status", code: 200,
                                   authorize: { try Authorization.check($0, .writeStatus, namespace: context.parameters.get("namespace")) }) { caller, body, note in
                try await handler.replaceStatus(namespace: context.parameters.require("namespace"), name: context.parameters.require("name"),
                                                body: body, caller: caller, note: &note)
            }
        }
        router.post("\(item)/extend") { request, context in
            let dryRun = try request.dryRun()
            return try await pipeline.run(request, context, resource: "clusters", verb: "extend", code: 200, dryRun: dryRun,
                                          authorize: { try Authorization.check($0, .write, namespace: context.parameters.get("namespace")) }) { caller, body, note in
                try await handler.extend(namespace: context.parameters.require("namespace"), name: context.parameters.require("name"),
                                         body: body, caller: caller, dryRun: dryRun, note: &note)
            }
        }
        router.get("\(item)/operations") { _, context in
            let caller = try context.caller()
            let operations = try await handler.operations(namespace: context.parameters.require("namespace"), name: context.parameters.require("name"),
                                                          caller: caller)
            return EnvelopeMiddleware.response(ItemList(kind: "OperationList", items: operations), code: 200)
        }
        router.get("\(item)/events") { request, context in
            let caller = try context.caller()
            let events = try await handler.events(namespace: context.parameters.require("namespace"), name: context.parameters.require("name"),
                                                  limit: request.query("limit").flatMap(Int.init), caller: caller)
            return EnvelopeMiddleware.response(ItemList(kind: "AuditEventList", items: events), code: 200)
        }
    }
}
