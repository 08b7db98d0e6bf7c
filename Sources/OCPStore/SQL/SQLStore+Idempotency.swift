public import OCPModel

extension SQLStore {
    static let inFlight = "InFlight"
    static let completed = "Completed"

    public func beginIdempotentRequest(_ key: IdempotencyKey, requestHash: String, now: Timestamp,
                                       expiresAt: Timestamp) async throws -> IdempotencyBegin {
        while true {
            // Look first, on a reader: repeats of a key in flight poll here, and must not queue behind the writer.
            if let existing = try await readIdempotencyKey(key), existing.expiresAt > now.secondsSinceEpoch {
                return existing.begin(requestHash: requestHash)
            }
            var claim = Statement(dialect)
            let values = [claim.bind(key.caller), claim.bind(key.key), claim.bind(requestHash), claim.bind(Self.inFlight),
                          claim.bind(now.secondsSinceEpoch), claim.bind(expiresAt.secondsSinceEpoch)]
            // Claim the key if it is new or its old record expired; otherwise leave it untouched.
            claim.append("""
                INSERT INTO idempotency_keys (caller, key, request_hash, state, created_at, expires_at)
                VALUES (\(values.joined(separator: ", ")))
                ON CONFLICT (caller, key) DO UPDATE SET request_hash = excluded.request_hash, state = excluded.state,
                    status_code = NULL, response_body = NULL, created_at = excluded.created_at, expires_at = excluded.expires_at
                WHERE idempotency_keys.expires_at <= excluded.created_at
                RETURNING state
                """)
            let claimed = try await failing("claim idempotency key \(key)") { try await db.execute(claim) }
            if !claimed.isEmpty { return .new }
            // Another request claimed it between the look and the claim: look again.
        }
    }

    /// A stored key, as the reader last committed it.
    private struct StoredKey {
        var requestHash: String
        var state: String
        var statusCode: Int64?
        var body: [UInt8]?
        var expiresAt: Int64

        func begin(requestHash: String) -> IdempotencyBegin {
            if self.requestHash != requestHash { return .mismatch }
            if state == SQLStore.inFlight { return .inFlight }
            return .completed(IdempotentResponse(statusCode: Int(statusCode ?? 0), body: body ?? []))
        }
    }

    private func readIdempotencyKey(_ key: IdempotencyKey) async throws -> StoredKey? {
        var lookup = Statement(dialect)
        lookup.append("SELECT request_hash, state, status_code, response_body, expires_at FROM idempotency_keys")
        lookup.append(" WHERE caller = \(lookup.bind(key.caller)) AND key = \(lookup.bind(key.key))")
        let rows = try await failing("read idempotency key \(key)") { try await db.read(lookup) }
        return try rows.first.map { row in
            StoredKey(requestHash: try row.text(0), state: try row.text(1), statusCode: try row.optionalInt(2),
                      body: try row.optionalBlob(3), expiresAt: try row.int(4))
        }
    }

    public func completeIdempotentRequest(_ key: IdempotencyKey, response: IdempotentResponse) async throws {
        var statement = Statement(dialect)
        statement.append("UPDATE idempotency_keys SET state = \(statement.bind(Self.completed)), ")
        statement.append("status_code = \(statement.bind(Int64(response.statusCode))), response_body = \(statement.bind(.blob(response.body)))")
        appendInFlightCondition(&statement, key)
        let rows = try await failing("complete idempotency key \(key)") { try await db.execute(statement) }
        if rows.isEmpty {
            throw StoreError.conflict(kind: "IdempotencyKey", name: key.description, expectedVersion: Self.inFlight, actual: "absent or completed")
        }
    }

    public func abandonIdempotentRequest(_ key: IdempotencyKey) async throws {
        var statement = Statement(dialect, "DELETE FROM idempotency_keys")
        appendInFlightCondition(&statement, key)
        _ = try await failing("abandon idempotency key \(key)") { try await db.execute(statement) }
    }

    public func purgeExpiredIdempotencyKeys(now: Timestamp, fence: LeaseFence?) async throws -> Int {
        var statement = Statement(dialect)
        statement.append("DELETE FROM idempotency_keys WHERE expires_at <= \(statement.bind(now.secondsSinceEpoch)) RETURNING caller")
        let purge = statement
        return try await fenced(fence, "purge idempotency keys") { try await $0.execute(purge) }.count
    }

    private func appendInFlightCondition(_ statement: inout Statement, _ key: IdempotencyKey) {
        statement.append(" WHERE caller = \(statement.bind(key.caller)) AND key = \(statement.bind(key.key))")
        statement.append(" AND state = \(statement.bind(Self.inFlight)) RETURNING caller")
    }
}
