public import OCPModel

/// Filters for listing audit events, oldest first; every set field must match.
public struct AuditQuery: Sendable, Hashable {
    public var actor: String?
    public var verb: String?
    public var namespace: String?
    public var name: String?
    public var requestID: String?
    /// The resource plural, `clusters`, `syncsources`, `tokens`.
    public var resource: String?
    /// Inclusive lower bound on `time`.
    public var since: Timestamp?
    /// Exclusive upper bound on `time`.
    public var until: Timestamp?
    /// Only events with a larger id: the last id of the previous page.
    public var afterID: Int64?
    public var limit: Int?

    /// Creates a query; the defaults list everything.
    public init(actor: String? = nil, verb: String? = nil, namespace: String? = nil, name: String? = nil, requestID: String? = nil,
                since: Timestamp? = nil, until: Timestamp? = nil, afterID: Int64? = nil, limit: Int? = nil) {
        self.actor = actor
        self.verb = verb
        self.namespace = namespace
        self.name = name
        self.requestID = requestID
        self.since = since
        self.until = until
        self.afterID = afterID
        self.limit = limit
    }
}
