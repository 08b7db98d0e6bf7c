public import OCPModel

/// Per-team limits an admin sets.
public protocol QuotaStore: Sendable {
    /// The team's limits, or nil when it has none.
    func teamQuota(team: String) async throws -> QuotaLimits?
    /// Sets (replaces) the team's limits.
    func putTeamQuota(team: String, limits: QuotaLimits, now: Timestamp) async throws
    /// Removes the team's limits; `.notFound(kind: "TeamQuota", ...)` when it has none.
    func deleteTeamQuota(team: String) async throws
}
