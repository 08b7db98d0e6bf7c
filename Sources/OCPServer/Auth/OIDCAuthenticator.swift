public import OCPOIDC
import OCPModel
import OCPStore

/// Sign-in with OIDC bearer tokens, as kube-apiserver's `--oidc-*` flags configure it, and what the token's groups grant.
public struct OIDCAuthConfig: Sendable {
    /// The issuer, its client id, claims and keys.
    public var provider: OIDCProvider
    /// What each group grants, by the group's name after `groupsPrefix`; a user gets the teams of all its groups and the
    /// most privileged role among them, as with the gateway.
    public var groups: [String: GroupGrant]

    /// Creates a configuration.
    public init(provider: OIDCProvider, groups: [String: GroupGrant] = [:]) {
        self.provider = provider
        self.groups = groups
    }
}

/// Maps a verified OIDC token to an identity: the grants of its groups, and the store's RBAC mappings of its username
/// as IAM principals are mapped, so one user can be granted without a group. No grant, no access.
struct OIDCAuthenticator: Sendable {
    let verifier: OIDCTokenVerifier
    let groups: [String: GroupGrant]
    let store: any ControlPlaneStore

    /// True for a token of a JWT's shape; only those come here.
    static func accepts(_ token: String) -> Bool {
        JWTShape.matches(token)
    }

    /// The identity for a JWT, or a 401 naming the rule it broke; the token never appears in it.
    func authenticate(_ token: String) async throws -> Identity {
        let user: OIDCUser
        do {
            user = try await verifier.verify(token)
        } catch {
            throw APIError(.unauthorized, error.message)
        }
        let grants = user.groups.compactMap { groups[$0] } + (try await GroupGrant.mapped(to: user.username, in: store))
        guard let identity = GroupGrant.identity(user: user.username, grants: grants) else {
            throw APIError(.unauthorized, "OIDC user \(user.username) maps to no role: none of its groups has a grant and it has no RBAC mapping")
        }
        return identity
    }
}
