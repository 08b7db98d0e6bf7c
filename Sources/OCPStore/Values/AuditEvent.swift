public import OCPModel

/// One entry of the append-only audit trail.
public struct AuditEvent: Sendable, Hashable {
    /// Assigned by the store on append; increases with every append.
    public var id: Int64?
    public var time: Timestamp
    /// Who acted: a user, or `system:ttl`, `system:reconciler`.
    public var actor: String
    /// `create`, `update`, `delete`, ...
    public var verb: String
    /// The resource kind, e.g. `clusters`.
    public var resource: String
    public var namespace: String?
    public var name: String?
    public var requestID: String?
    /// `Success`, `Failure`, `Denied`.
    public var outcome: String
    public var summary: String

    /// Creates an event; `id` is left for the store.
    public init(time: Timestamp, actor: String, verb: String, resource: String, namespace: String? = nil, name: String? = nil,
                requestID: String? = nil, outcome: String, summary: String) {
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

/// Filters for listing audit events, oldest first; every set field must match.
public struct AuditQuery: Sendable, Hashable {
    public var actor: String?
    public var verb: String?
    public var namespace: String?
    public var name: String?
    public var requestID: String?
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
