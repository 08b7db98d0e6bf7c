/// A bearer token's record, like a Kubernetes ServiceAccount token bound to a role: who it stands for, in which
/// teams, with which role, until when. The secret itself is never stored, only its SHA-256; the API shows it once.
public struct APIToken: Sendable, Hashable, Codable {
    public static let kind = "Token"

    public var apiVersion: String
    public var kind: String
    /// `name` is the token's id (`tok-` and 12 hex digits); tokens are cluster-scoped, so `namespace` is nil.
    public var metadata: ObjectMeta
    public var spec: APITokenSpec
    public var status: APITokenStatus?

    /// Creates a token record.
    public init(metadata: ObjectMeta, spec: APITokenSpec, status: APITokenStatus? = nil) {
        apiVersion = Cluster.apiVersion
        kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// The identity a request carrying this token acts as.
    public var identity: Identity { Identity(user: spec.user, teams: spec.teams ?? [], role: spec.role, controllers: spec.controllers ?? []) }

    /// True once `now` has reached the expiry.
    public func isExpired(at now: Timestamp) -> Bool {
        guard let expires = spec.expirationTimestamp else { return false }
        return now >= expires
    }
}

/// Who a token stands for.
public struct APITokenSpec: Sendable, Hashable, Codable {
    public var user: String
    /// The namespaces a requester may use; ignored for the other roles, which are not scoped.
    public var teams: [String]?
    public var role: Role
    /// After this the token gets 401; nil never expires.
    public var expirationTimestamp: Timestamp?
    /// The external controllers a `controller` token may report as; `*` is every one (architecture.md §9).
    public var controllers: [String]?

    /// Creates a spec.
    public init(user: String, teams: [String]? = nil, role: Role, expirationTimestamp: Timestamp? = nil, controllers: [String]? = nil) {
        self.controllers = controllers
        self.user = user
        self.teams = teams
        self.role = role
        self.expirationTimestamp = expirationTimestamp
    }

    enum CodingKeys: String, CodingKey { case user, teams, role, expirationTimestamp, controllers }
}

/// What the server knows of a token's use.
public struct APITokenStatus: Sendable, Hashable, Codable {
    /// The secret, present only in the response that created it.
    public var token: String?
    /// Who created it.
    public var createdBy: String?
    /// The last request it authenticated, to a minute.
    public var lastUsedTimestamp: Timestamp?

    /// Creates a status.
    public init(token: String? = nil, createdBy: String? = nil, lastUsedTimestamp: Timestamp? = nil) {
        self.token = token
        self.createdBy = createdBy
        self.lastUsedTimestamp = lastUsedTimestamp
    }

    enum CodingKeys: String, CodingKey { case token, createdBy, lastUsedTimestamp }
}
