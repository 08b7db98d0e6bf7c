/// An operation with its log, as `GET .../clusters/NAME/operations` returns it.
public struct OperationDocument: Sendable, Hashable, Codable {
    public var operation: Operation
    /// The API request that caused it, when one did.
    public var requestID: String?
    public var log: String

    /// Creates an operation document.
    public init(operation: Operation, requestID: String?, log: String) {
        self.operation = operation
        self.requestID = requestID
        self.log = log
    }
}

/// One audit event as the API returns it.
public struct AuditDocument: Sendable, Hashable, Codable {
    public var id: Int64?
    public var time: Timestamp
    public var actor: String
    public var verb: String
    public var resource: String
    public var namespace: String?
    public var name: String?
    public var requestID: String?
    public var outcome: String
    public var summary: String

    /// Creates an audit document.
    public init(id: Int64?, time: Timestamp, actor: String, verb: String, resource: String, namespace: String?, name: String?,
                requestID: String?, outcome: String, summary: String) {
        self.id = id
        self.time = time
        self.actor = actor
        self.verb = verb
        self.resource = resource
        self.namespace = namespace
        self.name = name
        self.requestID = requestID
        self.outcome = outcome
        self.summary = summary
    }
}

/// A list of items of one kind (`OperationList`, `AuditEventList`, `ProfileList`).
public struct ItemList<Item: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var apiVersion: String = Cluster.apiVersion
    public var kind: String
    public var items: [Item]

    /// Creates a list.
    public init(kind: String, items: [Item]) {
        self.kind = kind
        self.items = items
    }
}

/// What `/version` answers.
public struct VersionDocument: Sendable, Hashable, Codable {
    public var version: String
    public var apiVersion: String

    /// Creates a version document.
    public init(version: String, apiVersion: String = Cluster.apiVersion) {
        self.version = version
        self.apiVersion = apiVersion
    }
}

extension Cluster {
    /// The annotation naming the API request that last changed the cluster; operations it causes carry it.
    public static let requestIDAnnotation = "ocpctl.io/request-id"
}
