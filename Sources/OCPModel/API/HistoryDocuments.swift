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
