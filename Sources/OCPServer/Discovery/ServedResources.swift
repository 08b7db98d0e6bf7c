import OCPModel

/// What discovery and OpenAPI say about one served resource: its names, verbs, short names, categories, subresources.
struct ServedResource: Sendable {
    let names: ResourceNames
    let shortNames: [String]
    let categories: [String]
    let verbs: [String]
    /// Subresource name and its verbs, e.g. `status`: get and update.
    let subresources: [(name: String, verbs: [String])]

    var singular: String { names.kind.lowercased() }
}

/// The API group ocpctl serves, the one place discovery and OpenAPI read it from.
enum ServedResources {
    static let group = "ocpctl.io"
    static let version = "v1alpha1"
    static var groupVersion: String { "\(group)/\(version)" }

    static let all: [ServedResource] = [
        ServedResource(names: ResourceNames(kind: Cluster.kind, namespaced: true), shortNames: ["cl"], categories: ["ocpctl"],
                       verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
                       subresources: [(name: "status", verbs: ["get", "update"])]),
        ServedResource(names: ResourceNames(kind: SyncSource.kind, namespaced: true), shortNames: ["ss"], categories: ["ocpctl"],
                       verbs: ["create", "delete", "get", "list", "patch", "update", "watch"], subresources: []),
        ServedResource(names: ResourceNames(kind: APIToken.kind, namespaced: false), shortNames: [], categories: ["ocpctl"],
                       verbs: ["create", "delete", "get", "list"], subresources: []),
    ]
}
