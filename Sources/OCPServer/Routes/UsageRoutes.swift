import Hummingbird
import OCPModel
import OCPStore

/// Usage and cost reports (seed "reports/usage"): a requester sees its own teams, every other role all teams.
struct UsageRoutes: Sendable {
    let store: any ControlPlaneStore
    let now: @Sendable () -> Timestamp

    static let parameterNames = ["groupBy", "period", "since", "from", "to", "format"]

    func register(on router: RouterGroup<APIContext>) {
        router.get("usage") { request, context in
            try await report(request, context)
        }
    }

    /// The report as JSON, or as CSV for `format=csv` or `Accept: text/csv`.
    func report(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        var parameters: [String: String] = [:]
        for name in Self.parameterNames {
            if let value = request.uri.queryParameters.get(name) { parameters[name] = value }
        }
        let csv = parameters.removeValue(forKey: "format").map { $0 == "csv" } ?? (request.headers[.accept]?.contains("text/csv") == true)
        let query: UsageQuery
        switch UsageQuery.parse(parameters, now: now()) {
        case let .success(parsed): query = parsed
        case let .failure(failure): throw APIError(.badRequest, "invalid usage report parameters: \(failure)", causes: failure.errors)
        }
        let rows = UsageReport.rows(try await samples(query, for: caller.identity), query)
        if csv {
            return EnvelopeMiddleware.bytes(Array(UsageReport.csv(rows, groupBy: query.groupBy).utf8), code: 200,
                                            contentType: "text/csv; charset=utf-8")
        }
        return EnvelopeMiddleware.response(UsageReportDocument(query: query, rows: rows), code: 200)
    }

    /// The samples the caller may see, from one sample gap before the range so its first minutes are covered.
    private func samples(_ query: UsageQuery, for identity: Identity) async throws -> [UsageSample] {
        let from = query.from.adding(seconds: -UsageReport.maxSampleGapSeconds)
        guard identity.role == .requester else {
            return try await store.listUsage(clusterUID: nil, namespace: nil, from: from, to: query.to)
        }
        var samples: [UsageSample] = []
        for team in Set(identity.teams).sorted() {
            samples += try await store.listUsage(clusterUID: nil, namespace: team, from: from, to: query.to)
        }
        return samples
    }
}
