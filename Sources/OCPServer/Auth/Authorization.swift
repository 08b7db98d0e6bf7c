/// The RBAC rules of DESIGN §6, in one place.
enum Authorization {
    /// What a request does to clusters.
    enum Access {
        case read
        case write
        case writeStatus
    }

    /// Throws 403 unless `identity` may have `access` to clusters in `namespace` (nil: every namespace).
    static func check(_ identity: Identity, _ access: Access, namespace: String?) throws(APIError) {
        switch (identity.role, access) {
        case (.admin, _), (.auditor, .read), (.controller, .read), (.controller, .writeStatus):
            return
        case (.auditor, _):
            throw APIError(.forbidden, "user \"\(identity.user)\" is an auditor and cannot modify clusters")
        case (.controller, .write):
            throw APIError(.forbidden, "the controller identity \"\(identity.user)\" writes only the status subresource")
        case (.requester, .writeStatus):
            throw APIError(.forbidden, "user \"\(identity.user)\" cannot write cluster status: only the controller or an admin can")
        case (.requester, _):
            guard let namespace else {
                throw APIError(.forbidden, "user \"\(identity.user)\" cannot access clusters in all namespaces")
            }
            guard identity.teams.contains(namespace) else {
                let teams = identity.teams.isEmpty ? "no teams" : "teams \(identity.teams.joined(separator: ", "))"
                throw APIError(.forbidden, "user \"\(identity.user)\" cannot \(access == .read ? "read" : "modify") clusters in namespace \"\(namespace)\": member of \(teams)")
            }
        }
    }

    /// True when the identity reads every namespace, so a cluster-wide list needs no filter.
    static func readsEverything(_ identity: Identity) -> Bool {
        identity.role != .requester
    }

    /// Throws 403 unless the identity may read the whole audit trail.
    static func checkAuditTrail(_ identity: Identity) throws(APIError) {
        guard identity.role == .admin || identity.role == .auditor else {
            throw APIError(.forbidden, "user \"\(identity.user)\" cannot read the audit trail: admins and auditors only")
        }
    }
}
