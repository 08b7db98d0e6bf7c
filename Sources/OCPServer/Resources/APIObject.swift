import OCPModel

/// An object the generic resource layer can serve: a Kubernetes-shaped document with metadata and a status.
protocol APIObject: Codable, Sendable, Hashable {
    var apiVersion: String { get }
    var kind: String { get }
    var metadata: ObjectMeta { get set }
    /// The object without its status: what a client may write, and the base a merge patch applies to.
    var withoutStatus: Self { get }
}

extension Cluster: APIObject {
    var withoutStatus: Cluster { var copy = self; copy.status = nil; return copy }
}

extension SyncSource: APIObject {
    var withoutStatus: SyncSource { var copy = self; copy.status = nil; return copy }
}

extension APIToken: APIObject {
    var withoutStatus: APIToken { var copy = self; copy.status = nil; return copy }
}

extension ObjectMeta {
    /// Only what a client may set on create: server-set fields in a body are ignored, as Kubernetes does.
    var clientSettable: ObjectMeta {
        var meta = ObjectMeta(name: name, namespace: namespace, labels: labels)
        meta.annotations = annotations
        return meta
    }
}
