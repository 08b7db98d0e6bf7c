import OCPModel

/// `authentication.k8s.io` SelfSubjectReview: who the caller is, as `kubectl auth whoami` prints it.
struct SelfSubjectReview: Encodable, Sendable {
    struct Meta: Encodable, Sendable { var creationTimestamp: String? }
    struct UserInfo: Encodable, Sendable {
        var username: String
        var groups: [String]
    }
    struct Status: Encodable, Sendable { var userInfo: UserInfo }

    let apiVersion: String
    var kind = "SelfSubjectReview"
    var metadata = Meta()
    let status: Status

    /// The review of `identity`: its teams, its role as `ocpctl:ROLE`, and `system:authenticated`, as groups.
    init(apiVersion: String, identity: Identity) {
        self.apiVersion = apiVersion
        status = Status(userInfo: UserInfo(username: identity.user,
                                           groups: identity.teams + ["ocpctl:\(identity.role.rawValue)", "system:authenticated"]))
    }
}

/// `authorization.k8s.io/v1` SelfSubjectAccessReview, request and answer: may the caller do this?
struct SelfSubjectAccessReview: Codable, Sendable {
    struct ResourceAttributes: Codable, Sendable {
        var namespace: String?
        var verb: String?
        var group: String?
        var version: String?
        var resource: String?
        var subresource: String?
        var name: String?
    }
    struct NonResourceAttributes: Codable, Sendable {
        var path: String?
        var verb: String?
    }
    struct Spec: Codable, Sendable {
        var resourceAttributes: ResourceAttributes?
        var nonResourceAttributes: NonResourceAttributes?
    }
    struct Status: Codable, Sendable {
        var allowed: Bool
        var denied: Bool?
        var reason: String?
    }

    var apiVersion: String? = "authorization.k8s.io/v1"
    var kind: String? = "SelfSubjectAccessReview"
    var spec: Spec
    var status: Status?
}
