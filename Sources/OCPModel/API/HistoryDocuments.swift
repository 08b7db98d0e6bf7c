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

/// What `/version` answers: Kubernetes' `version.Info` fields, and ocpctl's own version and API version.
public struct VersionDocument: Sendable, Hashable, Codable {
    public var major: String?
    public var minor: String?
    public var gitVersion: String?
    public var gitCommit: String?
    public var gitTreeState: String?
    public var buildDate: String?
    public var goVersion: String?
    public var compiler: String?
    public var platform: String?
    public var version: String
    public var apiVersion: String

    /// Creates a version document; `version` is `MAJOR.MINOR.PATCH`.
    public init(version: String, apiVersion: String = Cluster.apiVersion, platform: String = "linux/amd64") {
        self.version = version
        self.apiVersion = apiVersion
        let parts = version.split(separator: ".").map(String.init)
        major = parts.first ?? "0"
        minor = parts.count > 1 ? parts[1] : "0"
        gitVersion = "v" + version
        gitCommit = ""
        gitTreeState = "clean"
        buildDate = "1970-01-01T00:00:00Z"
        goVersion = ""
        compiler = "swift"
        self.platform = platform
    }
}

extension Cluster {
    /// The annotation naming the API request that last changed the cluster; operations it causes carry it.
    public static let requestIDAnnotation = "ocpctl.io/request-id"
}
