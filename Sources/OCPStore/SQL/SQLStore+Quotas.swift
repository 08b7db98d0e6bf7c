import Foundation
public import OCPModel

extension SQLStore {
    public func teamQuota(team: String) async throws -> QuotaLimits? {
        var statement = Statement(dialect)
        statement.append("SELECT \(dialect.jsonColumn("limits")) FROM team_quotas WHERE team = \(statement.bind(team))")
        let rows = try await failing("read the quota of team \(team)") { try await db.read(statement) }
        guard let row = rows.first else { return nil }
        return try JSONDecoder().decode(QuotaLimits.self, from: Data(try row.text(0).utf8))
    }

    public func putTeamQuota(team: String, limits: QuotaLimits, now: Timestamp) async throws {
        var statement = Statement(dialect)
        let values = [statement.bind(team), try statement.bindJSON(limits, dialect), statement.bind(now.secondsSinceEpoch)]
        statement.append("""
            INSERT INTO team_quotas (team, limits, updated_at) VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT (team) DO UPDATE SET limits = excluded.limits, updated_at = excluded.updated_at
            """)
        _ = try await failing("set the quota of team \(team)") { try await db.execute(statement) }
    }

    public func deleteTeamQuota(team: String) async throws {
        var statement = Statement(dialect)
        statement.append("DELETE FROM team_quotas WHERE team = \(statement.bind(team)) RETURNING team")
        let rows = try await failing("delete the quota of team \(team)") { try await db.execute(statement) }
        if rows.isEmpty { throw StoreError.notFound(kind: TeamQuota.kind, name: team) }
    }
}
