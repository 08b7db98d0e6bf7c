public import OCPModel

/// What to list: one namespace or all, a label selector, and a page.
public struct ClusterListQuery: Sendable, Hashable {
    /// nil lists across all namespaces.
    public var namespace: String?
    public var selector: LabelSelector
    /// At most this many items; nil for all.
    public var limit: Int?
    /// The `continueToken` of the previous page.
    public var continueToken: String?

    /// Creates a query; the defaults list everything.
    public init(namespace: String? = nil, selector: LabelSelector = .everything, limit: Int? = nil, continueToken: String? = nil) {
        self.namespace = namespace
        self.selector = selector
        self.limit = limit
        self.continueToken = continueToken
    }
}

/// One page of clusters, ordered by (namespace, name).
public struct ClusterList: Sendable, Hashable {
    public var items: [Cluster]
    /// Present when more items may follow; pass it back to get the next page.
    public var continueToken: String?
    /// The store's revision when the page was read: watch from here to see every later change.
    public var revision: Int64

    /// Creates a page.
    public init(items: [Cluster], continueToken: String?, revision: Int64) {
        self.items = items
        self.continueToken = continueToken
        self.revision = revision
    }
}

/// Addresses a spec, status, delete or finalizer write, with optional preconditions.
public struct ClusterKey: Sendable, Hashable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    /// Creates a key.
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public var description: String { "\(namespace)/\(name)" }
}

/// What a watcher learns about one write: the key and its new resourceVersion, not the object.
public struct ClusterChange: Sendable, Hashable {
    /// What happened to the cluster.
    public enum ChangeType: String, Sendable, Hashable {
        case added = "Added"
        case modified = "Modified"
        case deleted = "Deleted"
    }

    /// The global revision of the write; equal to the cluster's resourceVersion after it.
    public var revision: Int64
    public var key: ClusterKey
    public var uid: String
    public var type: ChangeType

    /// Creates a change.
    public init(revision: Int64, key: ClusterKey, uid: String, type: ChangeType) {
        self.revision = revision
        self.key = key
        self.uid = uid
        self.type = type
    }
}
