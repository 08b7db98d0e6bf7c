public import OCPModel

extension SQLStore {
    static let auditColumns = "id, time, actor, verb, resource, namespace, name, request_id, outcome, summary"

    public func appendAuditEvent(_ event: AuditEvent, fence: LeaseFence?) async throws -> AuditEvent {
        let statement = Self.auditInsert(event, dialect)
        let rows = try await fenced(fence, "append audit event") { try await $0.execute(statement) }
        var stored = event
        stored.id = try rows[0].int(0)
        return stored
    }

    /// The INSERT of one audit event, returning its id; also run inside other writes' transactions.
    static func auditInsert(_ event: AuditEvent, _ dialect: SQLDialect) -> Statement {
        var statement = Statement(dialect)
        let values = [statement.bind(event.time.secondsSinceEpoch), statement.bind(event.actor), statement.bind(event.verb),
                      statement.bind(event.resource), statement.bind(event.namespace), statement.bind(event.name),
                      statement.bind(event.requestID), statement.bind(event.outcome), statement.bind(event.summary)]
        statement.append("""
            INSERT INTO audit_events (time, actor, verb, resource, namespace, name, request_id, outcome, summary)
            VALUES (\(values.joined(separator: ", "))) RETURNING id
            """)
        return statement
    }

    public func listAuditEvents(_ query: AuditQuery) async throws -> [AuditEvent] {
        var statement = Statement(dialect, "SELECT \(Self.auditColumns) FROM audit_events WHERE 1 = 1")
        let equalities: [(String, String?)] = [("actor", query.actor), ("verb", query.verb), ("namespace", query.namespace),
                                               ("name", query.name), ("request_id", query.requestID), ("resource", query.resource)]
        for case let (column, value?) in equalities { statement.append(" AND \(column) = \(statement.bind(value))") }
        if let since = query.since { statement.append(" AND time >= \(statement.bind(since.secondsSinceEpoch))") }
        if let until = query.until { statement.append(" AND time < \(statement.bind(until.secondsSinceEpoch))") }
        if let afterID = query.afterID { statement.append(" AND id > \(statement.bind(afterID))") }
        statement.append(" ORDER BY id")
        if let limit = query.limit { statement.append(" LIMIT \(statement.bind(Int64(limit)))") }
        let rows = try await failing("list audit events") { try await db.read(statement) }
        return try rows.map { row in
            var event = AuditEvent(
                time: Timestamp(secondsSinceEpoch: try row.int(1)), actor: try row.text(2), verb: try row.text(3),
                resource: try row.text(4), namespace: try row.optionalText(5), name: try row.optionalText(6),
                requestID: try row.optionalText(7), outcome: try row.text(8), summary: try row.text(9))
            event.id = try row.int(0)
            return event
        }
    }
}
