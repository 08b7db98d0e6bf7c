/// Kubernetes' discovery documents, in the JSON shapes client-go decodes (`meta/v1` and `apidiscovery.k8s.io`).
struct GroupVersionForDiscovery: Encodable, Sendable {
    let groupVersion: String
    let version: String
}

/// `/api`: the legacy core group, which ocpctl does not serve.
struct APIVersionsDocument: Encodable, Sendable {
    let kind = "APIVersions"
    let apiVersion = "v1"
    let versions: [String] = []
    let serverAddressByClientCIDRs: [String] = []
}

struct APIGroupDocument: Encodable, Sendable {
    var kind: String? = "APIGroup"
    var apiVersion: String? = "v1"
    let name: String
    let versions: [GroupVersionForDiscovery]
    let preferredVersion: GroupVersionForDiscovery

    static var served: APIGroupDocument {
        let version = GroupVersionForDiscovery(groupVersion: ServedResources.groupVersion, version: ServedResources.version)
        return APIGroupDocument(name: ServedResources.group, versions: [version], preferredVersion: version)
    }
}

/// `/apis`.
struct APIGroupListDocument: Encodable, Sendable {
    let kind = "APIGroupList"
    let apiVersion = "v1"
    let groups: [APIGroupDocument]

    static var served: APIGroupListDocument {
        var group = APIGroupDocument.served
        (group.kind, group.apiVersion) = (nil, nil)
        return APIGroupListDocument(groups: [group])
    }
}

/// `/apis/ocpctl.io/v1alpha1`.
struct APIResourceListDocument: Encodable, Sendable {
    struct Resource: Encodable, Sendable {
        let name: String
        let singularName: String
        let namespaced: Bool
        let kind: String
        let verbs: [String]
        let shortNames: [String]?
        let categories: [String]?
    }

    let kind = "APIResourceList"
    let apiVersion = "v1"
    let groupVersion = ServedResources.groupVersion
    let resources: [Resource]

    static var served: APIResourceListDocument {
        APIResourceListDocument(resources: ServedResources.all.flatMap { resource in
            [Resource(name: resource.names.plural, singularName: resource.singular, namespaced: resource.names.namespaced, kind: resource.names.kind,
                      verbs: resource.verbs, shortNames: resource.shortNames.isEmpty ? nil : resource.shortNames, categories: resource.categories)]
                + resource.subresources.map {
                    Resource(name: "\(resource.names.plural)/\($0.name)", singularName: "", namespaced: resource.names.namespaced,
                             kind: resource.names.kind, verbs: $0.verbs, shortNames: nil, categories: nil)
                }
        })
    }
}

/// The aggregated form (`apidiscovery.k8s.io` v2 and v2beta1, one shape) that kubectl 1.27+ asks for first.
struct APIGroupDiscoveryListDocument: Encodable, Sendable {
    struct Metadata: Encodable, Sendable { var name: String? = nil }
    struct Kind: Encodable, Sendable {
        let group: String
        let version: String
        let kind: String
    }
    struct Subresource: Encodable, Sendable {
        let subresource: String
        let responseKind: Kind
        let verbs: [String]
    }
    struct Resource: Encodable, Sendable {
        let resource: String
        let responseKind: Kind
        let scope: String
        let singularResource: String
        let verbs: [String]
        let shortNames: [String]?
        let categories: [String]?
        let subresources: [Subresource]?
    }
    struct Version: Encodable, Sendable {
        let version: String
        let resources: [Resource]
        let freshness = "Current"
    }
    struct Group: Encodable, Sendable {
        let metadata: Metadata
        let versions: [Version]
    }

    let kind = "APIGroupDiscoveryList"
    let apiVersion: String
    let metadata = Metadata()
    let items: [Group]

    /// `/apis` in the aggregated form: the ocpctl.io group with every resource.
    static func served(apiVersion: String) -> APIGroupDiscoveryListDocument {
        let resources = ServedResources.all.map { resource in
            let kind = Kind(group: ServedResources.group, version: ServedResources.version, kind: resource.names.kind)
            return Resource(resource: resource.names.plural, responseKind: kind, scope: resource.names.namespaced ? "Namespaced" : "Cluster",
                            singularResource: resource.singular, verbs: resource.verbs,
                            shortNames: resource.shortNames.isEmpty ? nil : resource.shortNames, categories: resource.categories,
                            subresources: resource.subresources.isEmpty ? nil : resource.subresources.map {
                                Subresource(subresource: $0.name, responseKind: kind, verbs: $0.verbs)
                            })
        }
        return APIGroupDiscoveryListDocument(apiVersion: apiVersion, items: [
            Group(metadata: Metadata(name: ServedResources.group), versions: [Version(version: ServedResources.version, resources: resources)]),
        ])
    }

    /// `/api` in the aggregated form: no legacy group.
    static func legacy(apiVersion: String) -> APIGroupDiscoveryListDocument {
        APIGroupDiscoveryListDocument(apiVersion: apiVersion, items: [])
    }
}
