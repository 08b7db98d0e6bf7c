import OCPModel
import OCPStore

/// One way from grants to an identity for every sign-in that maps groups or principals: the gateway's groups, IAM's
/// RBAC mappings, OIDC's groups and mappings.
extension GroupGrant {
    /// Most privileged first: the role an identity gets when its grants name several.
    static let precedence: [Role] = [.admin, .controller, .auditor, .requester]

    /// What an RBAC mapping grants; nil when its role is not one this server knows. Team `*` or none grants no team.
    init?(mapping: RBACMapping) {
        guard let role = Role(rawValue: mapping.role) else { return nil }
        self.init(role: role, teams: mapping.team.isEmpty || mapping.team == "*" ? [] : [mapping.team])
    }

    /// What the store's enabled RBAC mappings of `principal` grant.
    static func mapped(to principal: String, in store: any ControlPlaneStore) async throws -> [GroupGrant] {
        try await store.listRBACMappings(principal: principal).filter(\.enabled).compactMap(GroupGrant.init(mapping:))
    }

    /// The identity a user's grants make: the teams of all of them and the most privileged of their roles; nil when
    /// none grants a role, which every sign-in answers with 401.
    static func identity(user: String, grants: [GroupGrant]) -> Identity? {
        guard let role = precedence.first(where: { role in grants.contains { $0.role == role } }) else { return nil }
        return Identity(user: user, teams: Set(grants.flatMap(\.teams)).sorted(), role: role)
    }
}
