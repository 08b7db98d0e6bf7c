public import OCPModel

extension OCPClient {
    /// The team's limits and its use now.
    public func teamQuota(team: String) async throws -> TeamQuota {
        try await call("GET", Self.quotaPath(team))
    }

    /// Sets (replaces) the team's limits; admins only.
    public func setTeamQuota(team: String, limits: QuotaLimits) async throws -> TeamQuota {
        try await call("PUT", Self.quotaPath(team), body: ResourceEncoding.jsonData(TeamQuota(team: team, spec: limits)),
                       contentType: "application/json")
    }

    /// Removes the team's limits; admins only.
    public func deleteTeamQuota(team: String) async throws -> TeamQuota {
        try await call("DELETE", Self.quotaPath(team))
    }

    static func quotaPath(_ team: String) -> String { "\(base)/namespaces/\(escape(team))/quota" }
}
