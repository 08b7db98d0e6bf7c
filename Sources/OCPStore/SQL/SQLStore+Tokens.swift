public import OCPModel

extension SQLStore {
    /// Everything but the hash: no read returns it, so no caller can leak it.
    private static let tokenColumns = "id, user_name, teams, role, created_at, created_by, expires_at, last_used_at, controllers"

    public func createToken(_ token: APIToken, hash: String, now: Timestamp) async throws -> APIToken {
        let id = token.metadata.name
        var statement = Statement(dialect)
        let values = [statement.bind(id), statement.bind(hash), statement.bind(token.spec.user),
                      statement.bind(try token.spec.teams.map(JSONColumn.encode)), statement.bind(token.spec.role.rawValue),
                      statement.bind(now.secondsSinceEpoch), statement.bind(token.status?.createdBy),
                      statement.bind(token.spec.expirationTimestamp?.secondsSinceEpoch),
                      statement.bind(try token.spec.controllers.map(JSONColumn.encode))]
        statement.append("""
            INSERT INTO api_tokens (id, token_hash, user_name, teams, role, created_at, created_by, expires_at, controllers)
            VALUES (\(values.joined(separator: ", ")))
            RETURNING \(Self.tokenColumns)
            """)
        do {
            let rows = try await failing("create token \(id)") { try await db.execute(statement) }
            return try Self.token(rows[0])
        } catch let SQLFailure.uniqueViolation(detail) {
            // Both backends name the column or its constraint (`api_tokens_token_hash_key`) in the detail.
            throw StoreError.alreadyExists(kind: APIToken.kind, name: id, key: detail.contains("token_hash") ? .tokenHash : .tokenID)
        }
    }

    public func token(hash: String) async throws -> APIToken? {
        var statement = Statement(dialect)
        statement.append("SELECT \(Self.tokenColumns) FROM api_tokens WHERE token_hash = \(statement.bind(hash))")
        // Not `hash` in the message: it would let anyone reading the logs present the token's record.
        let rows = try await failing("look up a token") { try await db.read(statement) }
        return try rows.first.map(Self.token)
    }

    public func listTokens() async throws -> [APIToken] {
        let rows = try await failing("list tokens") { try await db.read(Statement(dialect, "SELECT \(Self.tokenColumns) FROM api_tokens ORDER BY id")) }
        return try rows.map(Self.token)
    }

    public func deleteToken(id: String) async throws -> APIToken {
        var statement = Statement(dialect)
        statement.append("DELETE FROM api_tokens WHERE id = \(statement.bind(id)) RETURNING \(Self.tokenColumns)")
        let rows = try await failing("delete token \(id)") { try await db.execute(statement) }
        guard let row = rows.first else { throw StoreError.notFound(kind: APIToken.kind, name: id) }
        return try Self.token(row)
    }

    public func touchToken(id: String, at time: Timestamp, granularity: Int64) async throws {
        var statement = Statement(dialect)
        // One conditional statement: a token used many times a minute reads the row, but writes it once.
        statement.append("UPDATE api_tokens SET last_used_at = \(statement.bind(time.secondsSinceEpoch)) WHERE id = \(statement.bind(id))")
        statement.append(" AND (last_used_at IS NULL OR last_used_at < \(statement.bind(time.secondsSinceEpoch - granularity)))")
        _ = try await failing("record the use of token \(id)") { try await db.execute(statement) }
    }

    public func countTokens() async throws -> Int {
        let rows = try await failing("count tokens") { try await db.read(Statement(dialect, "SELECT COUNT(*) FROM api_tokens")) }
        return Int(try rows[0].int(0))
    }

    /// A record as stored: cluster-scoped metadata, spec, and a status without the secret.
    private static func token(_ row: SQLRow) throws -> APIToken {
        let id = try row.text(0)
        guard let role = Role(rawValue: try row.text(3)) else {
            throw StoreError.invalid(kind: APIToken.kind, name: id, reason: "stored role \"\(try row.text(3))\" is not a role")
        }
        var metadata = ObjectMeta(name: id)
        metadata.creationTimestamp = Timestamp(secondsSinceEpoch: try row.int(4))
        let spec = APITokenSpec(user: try row.text(1), teams: try row.optionalText(2).map { try JSONColumn.decode([String].self, $0) },
                                role: role, expirationTimestamp: try row.optionalInt(6).map(Timestamp.init(secondsSinceEpoch:)),
                                controllers: try row.optionalText(8).map { try JSONColumn.decode([String].self, $0) })
        let createdBy = try row.optionalText(5)
        let lastUsed = try row.optionalInt(7).map(Timestamp.init(secondsSinceEpoch:))
        let status = createdBy == nil && lastUsed == nil ? nil : APITokenStatus(createdBy: createdBy, lastUsedTimestamp: lastUsed)
        return APIToken(metadata: metadata, spec: spec, status: status)
    }
}
