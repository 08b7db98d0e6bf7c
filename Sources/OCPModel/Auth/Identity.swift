/// What a caller may do, as architecture.md §6 defines the roles.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Reads and writes clusters in its teams' namespaces.
    case requester
    /// Everything.
    case admin
    /// Reads everything, writes nothing.
    case auditor
    /// The reconciler's identity: reads everything, writes `status`.
    case controller
}

/// An authenticated caller.
public struct Identity: Sendable, Hashable {
    public var user: String
    public var teams: [String]
    public var role: Role
    /// The external controllers this identity may report as; `*` is every one.
    public var controllers: [String]

    /// Creates an identity.
    public init(user: String, teams: [String] = [], role: Role, controllers: [String] = []) {
        self.controllers = controllers
        self.user = user
        self.teams = teams
        self.role = role
    }
}
