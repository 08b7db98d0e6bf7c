extension UsageQuery {
    /// The longest range one report covers.
    public static let maxRangeSeconds: Int64 = 400 * 86_400

    /// A query from request parameters: `groupBy`, `period`, and either `since` (a duration before `now`, 30d when
    /// nothing is given) or `from` and `to` (RFC 3339; `to` defaults to `now`). Each bad parameter is a field error.
    public static func parse(_ parameters: [String: String], now: Timestamp) -> Result<UsageQuery, ValidationFailure> {
        var errors: [FieldError] = []
        func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ fallback: T) -> T where T.RawValue == String {
            guard let text = parameters[name] else { return fallback }
            guard let value = T(rawValue: text) else {
                let allowed = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                errors.append(FieldError(reason: .notSupported, field: name, message: "must be one of \(allowed), got \"\(text.prefix(64))\""))
                return fallback
            }
            return value
        }
        func time(_ name: String) -> Timestamp? {
            guard let text = parameters[name] else { return nil }
            guard let value = Timestamp(rfc3339: text) else {
                errors.append(FieldError(reason: .invalid, field: name, message: "must be an RFC 3339 time such as 2026-11-01T00:00:00Z"))
                return nil
            }
            return value
        }
        let groupBy: UsageGrouping = choice("groupBy", .team)
        let period: UsagePeriod = choice("period", .total)
        var from = time("from")
        let to = time("to") ?? now
        if let since = parameters["since"] {
            if parameters["from"] != nil {
                errors.append(FieldError(reason: .forbidden, field: "since", message: "give either since or from, not both"))
            } else if let duration = TTLDuration(since), duration.seconds > 0 {
                from = to.adding(seconds: -duration.seconds)
            } else {
                errors.append(FieldError(reason: .invalid, field: "since", message: "must be a duration such as 30d or 12h"))
            }
        }
        let start = from ?? to.adding(seconds: -30 * 86_400)
        if errors.isEmpty {
            if start >= to {
                errors.append(FieldError(reason: .invalid, field: "from", message: "must be before to (\(to.rfc3339))"))
            } else if to.seconds(since: start) > maxRangeSeconds {
                errors.append(FieldError(reason: .invalid, field: "since", message: "a report covers at most 400 days"))
            }
        }
        guard errors.isEmpty else { return .failure(ValidationFailure(errors)) }
        return .success(UsageQuery(from: start, to: to, groupBy: groupBy, period: period))
    }
}

/// A usage report as the API returns it.
public struct UsageReportDocument: Sendable, Hashable, Codable {
    public var apiVersion = "ocpctl.io/v1alpha1"
    public var kind = "UsageReport"
    public var groupBy: UsageGrouping
    public var period: UsagePeriod
    public var from: Timestamp
    public var to: Timestamp
    public var rows: [UsageRow]

    /// Creates the document for `query`'s rows.
    public init(query: UsageQuery, rows: [UsageRow]) {
        groupBy = query.groupBy
        period = query.period
        from = query.from
        to = query.to
        self.rows = rows
    }
}
