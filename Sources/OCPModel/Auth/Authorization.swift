/// The RBAC rules of architecture.md §6 and §6a, in one place, for the API and for sync sources alike.
public enum Authorization {
    /// What a request does to a namespaced resource.
    public enum Access: Sendable, Hashable {
        case read
        case write
        case writeStatus
    }

    /// Throws unless `identity` may have `access` to `resource` in `namespace` (nil: every namespace).
    public static func check(_ identity: Identity, _ access: Access, resource: String = "clusters", namespace: String?) throws(AccessDenied) {
        let verb = access == .read ? "read" : "modify"
        switch (identity.role, access) {
        case (.admin, _), (.auditor, .read), (.controller, .read), (.controller, .writeStatus):
            return
        case (.auditor, _):
            throw AccessDenied("user \"\(identity.user)\" is an auditor and cannot modify \(resource)")
        case (.controller, .write):
            throw AccessDenied("the controller identity \"\(identity.user)\" writes only the status subresource")
        case (.requester, .writeStatus):
            throw AccessDenied("user \"\(identity.user)\" cannot write \(resource) status: only the controller or an admin can")
        case (.requester, _):
            guard let namespace else {
                throw AccessDenied("user \"\(identity.user)\" cannot \(verb) \(resource) in all namespaces")
            }
            guard identity.mayUse(namespace: namespace) else {
                let teams = identity.teams.isEmpty ? "no teams" : "teams \(identity.teams.joined(separator: ", "))"
                throw AccessDenied("user \"\(identity.user)\" cannot \(verb) \(resource) in namespace \"\(namespace)\": member of \(teams)")
            }
        }
    }

    /// Throws unless the identity may report as external controller `controller`: an admin, or a controller
    /// identity whose allowlist names it (or `*`).
    public static func checkControllerReport(_ identity: Identity, controller: String) throws(AccessDenied) {
        switch identity.role {
        case .admin:
            return
        case .controller where identity.controllers.contains(controller) || identity.controllers.contains("*"):
            return
        case .controller:
            let allowed = identity.controllers.isEmpty ? "no controllers" : "controllers \(identity.controllers.joined(separator: ", "))"
            throw AccessDenied("the controller identity \"\(identity.user)\" may report as \(allowed), not \"\(controller)\"")
        default:
            throw AccessDenied("user \"\(identity.user)\" cannot report controller status: only controller identities or admins can")
        }
    }

    /// Throws unless the identity is an admin (or, for reads, an auditor): for cluster-scoped kinds such as tokens.
    public static func checkClusterScoped(_ identity: Identity, _ access: Access, resource: String) throws(AccessDenied) {
        switch (identity.role, access) {
        case (.admin, _), (.auditor, .read):
            return
        default:
            throw AccessDenied("user \"\(identity.user)\" cannot \(access == .read ? "read" : "modify") \(resource): admins only")
        }
    }

    /// True when the identity reads every namespace, so a cluster-wide list needs no filter.
    public static func readsEverything(_ identity: Identity) -> Bool {
        identity.role != .requester
    }

    /// Throws unless the identity may read the whole audit trail.
    public static func checkAuditTrail(_ identity: Identity) throws(AccessDenied) {
        guard identity.role == .admin || identity.role == .auditor else {
            throw AccessDenied("user \"\(identity.user)\" cannot read the audit trail: admins and auditors only")
        }
    }
}

extension Identity {
    /// True when a requester with these teams may use `namespace`; `*` is a sync source's every-namespace destination.
    public func mayUse(namespace: String) -> Bool {
        teams.contains(namespace) || teams.contains(SyncDestinations.everyNamespace)
    }
}

/// A refusal by the RBAC rules, saying who may not do what.
public struct AccessDenied: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    /// Creates a refusal.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
