public import OCPModel

extension SQLStore {
    static let leaseColumns = "name, holder, epoch, acquired_at, renewed_at, expires_at"

    public func acquireLease(_ name: String, holder: String, duration seconds: Int64, now: Timestamp) async throws -> Lease {
        var statement = Statement(dialect)
        let values = [statement.bind(name), statement.bind(holder), statement.bind(now.secondsSinceEpoch),
                      statement.bind(now.secondsSinceEpoch + seconds)]
        // One statement: take a free, expired or own lease; a new holder gets the next epoch.
        statement.append("""
            INSERT INTO leases (name, holder, epoch, acquired_at, renewed_at, expires_at)
            VALUES (\(values[0]), \(values[1]), 1, \(values[2]), \(values[2]), \(values[3]))
            ON CONFLICT (name) DO UPDATE SET
                epoch = CASE WHEN leases.holder = excluded.holder THEN leases.epoch ELSE leases.epoch + 1 END,
                acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END,
                holder = excluded.holder, renewed_at = excluded.renewed_at, expires_at = excluded.expires_at
            WHERE leases.holder IS NULL OR leases.holder = excluded.holder OR leases.expires_at <= excluded.renewed_at
            RETURNING \(Self.leaseColumns)
            """)
        let rows = try await failing("acquire lease \(name)") { try await db.execute(statement) }
        if let row = rows.first { return try Self.lease(row) }
        guard let current = try await getLease(name), let currentHolder = current.holder else {
            throw StoreError.conflict(kind: "Lease", name: name, expectedVersion: "free", actual: "changed")
        }
        throw StoreError.leaseHeld(lease: name, holder: currentHolder, expiresAt: current.expiresAt)
    }

    public func renewLease(_ fence: LeaseFence, duration seconds: Int64, now: Timestamp) async throws -> Lease {
        var statement = Statement(dialect)
        statement.append("UPDATE leases SET renewed_at = \(statement.bind(now.secondsSinceEpoch)), ")
        statement.append("expires_at = \(statement.bind(now.secondsSinceEpoch + seconds))")
        appendLeaseCondition(&statement, fence)
        statement.append(" RETURNING \(Self.leaseColumns)")
        let rows = try await failing("renew lease \(fence.lease)") { try await db.execute(statement) }
        guard let row = rows.first else { throw try await staleFence(fence) ?? StoreError.notFound(kind: "Lease", name: fence.lease) }
        return try Self.lease(row)
    }

    public func releaseLease(_ fence: LeaseFence, now: Timestamp) async throws {
        var statement = Statement(dialect)
        statement.append("UPDATE leases SET holder = NULL, expires_at = \(statement.bind(now.secondsSinceEpoch))")
        appendLeaseCondition(&statement, fence)
        statement.append(" RETURNING epoch")
        let rows = try await failing("release lease \(fence.lease)") { try await db.execute(statement) }
        if rows.isEmpty { throw try await staleFence(fence) ?? StoreError.notFound(kind: "Lease", name: fence.lease) }
    }

    public func getLease(_ name: String) async throws -> Lease? {
        var statement = Statement(dialect)
        statement.append("SELECT \(Self.leaseColumns) FROM leases WHERE name = \(statement.bind(name))")
        let rows = try await failing("read lease \(name)") { try await db.read(statement) }
        return try rows.first.map(Self.lease)
    }

    /// The error for a fence that no longer matches the lease, or nil if it still does.
    func staleFence(_ fence: LeaseFence) async throws -> StoreError? {
        let current = try await getLease(fence.lease)
        if let current, current.holder == fence.holder, current.epoch == fence.epoch { return nil }
        return StoreError.staleFence(lease: fence.lease, epoch: fence.epoch, currentEpoch: current?.epoch, currentHolder: current?.holder)
    }

    /// Runs `body` as one write that holds `fence`: see `transaction(fencedBy:)`. Without a fence `body` runs on its own.
    func fenced<T: Sendable>(_ fence: LeaseFence?, _ operation: @autoclosure () -> String,
                             _ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        guard fence != nil else { return try await failing(operation()) { try await body(db) } }
        return try await transaction(fencedBy: fence, operation(), body)
    }

    /// Runs `body` in one transaction that, given a fence, first reads the lease row (share-locked on PostgreSQL,
    /// under SQLite's single writer): a deposed holder's write is refused, and a new holder's takeover waits for
    /// the commit, so no write of the old epoch lands after the new epoch began.
    func transaction<T: Sendable>(fencedBy fence: LeaseFence?, _ operation: @autoclosure () -> String,
                                  _ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        try await failing(operation()) {
            try await db.transaction { tx in
                if let fence {
                    var check = Statement(self.dialect)
                    check.append("SELECT holder, epoch FROM leases WHERE name = \(check.bind(fence.lease)) \(self.dialect.lockLeaseRow)")
                    let row = try await tx.execute(check).first
                    let holder = try row?.optionalText(0)
                    let epoch = try row?.int(1)
                    guard holder == fence.holder, epoch == fence.epoch else {
                        throw StoreError.staleFence(lease: fence.lease, epoch: fence.epoch, currentEpoch: epoch, currentHolder: holder)
                    }
                }
                return try await body(tx)
            }
        }
    }

    private func appendLeaseCondition(_ statement: inout Statement, _ fence: LeaseFence) {
        statement.append(" WHERE name = \(statement.bind(fence.lease)) AND holder = \(statement.bind(fence.holder))")
        statement.append(" AND epoch = \(statement.bind(fence.epoch))")
    }

    private static func lease(_ row: SQLRow) throws -> Lease {
        Lease(name: try row.text(0), holder: try row.optionalText(1), epoch: try row.int(2),
              acquiredAt: Timestamp(secondsSinceEpoch: try row.int(3)), renewedAt: Timestamp(secondsSinceEpoch: try row.int(4)),
              expiresAt: Timestamp(secondsSinceEpoch: try row.int(5)))
    }
}
