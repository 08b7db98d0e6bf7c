import Foundation

/// The operations of one served resource, with the extensions kubectl reads: `x-kubernetes-action` and
/// `x-kubernetes-group-version-kind`, and the query parameters it probes for (`fieldValidation`, `dryRun`).
struct OpenAPIPaths {
    let flavor: OpenAPIDocuments.Flavor
    let resource: ServedResource

    /// Merge patch, JSON patch and apply patch; no strategic merge patch, which custom kinds do not take.
    static let patchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]

    var paths: [String: Any] {
        let names = resource.names
        let base = APIServer.apiBase
        let collection = names.namespaced ? "\(base)/namespaces/{namespace}/\(names.plural)" : "\(base)/\(names.plural)"
        let scope: [[String: Any]] = names.namespaced ? [pathParameter("namespace")] : []
        let item = scope + [pathParameter("name")]
        let verbs = Set(resource.verbs)
        var paths: [String: Any] = [:]

        var collectionOperations: [String: Any] = [:]
        if verbs.contains("list") { collectionOperations["get"] = operation("list", kind: names.kind + "List", parameters: scope + listParameters) }
        if verbs.contains("create") {
            collectionOperations["post"] = operation("post", kind: names.kind, parameters: scope + writeParameters, body: [("application/json", true)])
        }
        paths[collection] = collectionOperations
        if names.namespaced, verbs.contains("list") {
            paths["\(base)/\(names.plural)"] = ["get": operation("list", kind: names.kind + "List", parameters: listParameters, suffix: "ForAllNamespaces")]
        }

        var itemOperations: [String: Any] = [:]
        if verbs.contains("get") { itemOperations["get"] = operation("get", kind: names.kind, parameters: item) }
        if verbs.contains("update") {
            itemOperations["put"] = operation("put", kind: names.kind, parameters: item + writeParameters, body: [("application/json", true)])
        }
        if verbs.contains("patch") {
            itemOperations["patch"] = operation("patch", kind: names.kind, parameters: item + writeParameters + [queryParameter("force", type: "boolean")],
                                                body: Self.patchTypes.map { ($0, false) })
        }
        if verbs.contains("delete") { itemOperations["delete"] = operation("delete", kind: names.kind, parameters: item + [queryParameter("dryRun")]) }
        paths["\(collection)/{name}"] = itemOperations

        for subresource in resource.subresources {
            var operations: [String: Any] = [:]
            if subresource.verbs.contains("get") { operations["get"] = operation("get", kind: names.kind, parameters: item, suffix: "Status") }
            if subresource.verbs.contains("update") {
                operations["put"] = operation("put", kind: names.kind, parameters: item + writeParameters, body: [("application/json", true)], suffix: "Status")
            }
            paths["\(collection)/{name}/\(subresource.name)"] = operations
        }
        return paths
    }

    private var listParameters: [[String: Any]] {
        ["labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "watch", "allowWatchBookmarks"].map {
            queryParameter($0, type: ["limit", "timeoutSeconds"].contains($0) ? "integer" : ["watch", "allowWatchBookmarks"].contains($0) ? "boolean" : "string")
        }
    }

    private var writeParameters: [[String: Any]] {
        [queryParameter("dryRun"), queryParameter("fieldManager"), queryParameter("fieldValidation")]
    }

    private func pathParameter(_ name: String) -> [String: Any] {
        parameter(name, in: "path", type: "string", required: true)
    }

    private func queryParameter(_ name: String, type: String = "string") -> [String: Any] {
        parameter(name, in: "query", type: type, required: false)
    }

    private func parameter(_ name: String, in location: String, type: String, required: Bool) -> [String: Any] {
        var parameter: [String: Any] = ["name": name, "in": location, "required": required]
        if flavor == .v2 { parameter["type"] = type } else { parameter["schema"] = ["type": type] }
        return parameter
    }

    /// One operation answering `kind`; `body` lists the request media types and whether the body is the kind itself.
    private func operation(_ action: String, kind: String, parameters: [[String: Any]], body: [(String, Bool)] = [], suffix: String = "") -> [String: Any] {
        let names = resource.names
        let verb = ["list": "list", "post": "create", "get": "read", "put": "replace", "patch": "patch", "delete": "delete"][action] ?? action
        let scope = names.namespaced && suffix != "ForAllNamespaces" ? "Namespaced" : ""
        let operationID = "\(verb)OcpctlIo\(ServedResources.version.capitalized)\(scope)\(kind)\(suffix)"
        let responseSchema = OpenAPIDocuments.ref(flavor, kind)
        var operation: [String: Any] = [
            "operationId": operationID, "tags": ["ocpctlIo_\(ServedResources.version)"],
            "x-kubernetes-action": action, "x-kubernetes-group-version-kind": OpenAPIDocuments.gvk(names.kind).first!,
        ]
        var parameters = parameters
        switch flavor {
        case .v2:
            operation["produces"] = ["application/json", "application/yaml"]
            operation["responses"] = ["200": ["description": "OK", "schema": responseSchema], "401": ["description": "Unauthorized"]]
            if !body.isEmpty {
                operation["consumes"] = body.map(\.0)
                let schema: [String: Any] = body.first!.1 ? OpenAPIDocuments.ref(flavor, names.kind) : ["type": "object"]
                parameters.append(["name": "body", "in": "body", "required": true, "schema": schema])
            }
        case .v3:
            let content = Dictionary(uniqueKeysWithValues: ["application/json", "application/yaml"].map { ($0, ["schema": responseSchema]) })
            operation["responses"] = ["200": ["description": "OK", "content": content], "401": ["description": "Unauthorized"]]
            if !body.isEmpty {
                let bodyContent = Dictionary(uniqueKeysWithValues: body.map { entry -> (String, Any) in
                    (entry.0, ["schema": entry.1 ? OpenAPIDocuments.ref(flavor, names.kind) : ["type": "object"] as [String: Any]])
                })
                operation["requestBody"] = ["required": true, "content": bodyContent]
            }
        }
        operation["parameters"] = parameters
        return operation
    }
}
