/// One entry of the append-only audit trail.
public struct AuditEvent: Sendable, Hashable, Codable {
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

    enum CodingKeys: String, CodingKey { case id, time, actor, verb, resource, namespace, name, requestID, outcome, summary }
}
