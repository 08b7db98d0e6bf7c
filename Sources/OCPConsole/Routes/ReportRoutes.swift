import Foundation
import Hummingbird
import OCPModel

/// Usage and cost per team and per day: the API's report drawn as SVG on the server, and its CSV as a download.
struct ReportRoutes<Context: RequestContext>: Sendable {
    let console: Console<Context>

    struct Model {
        var since: String
        var perDay: String
        var perTeam: String
        var rows: [Row]
        var csvHref: String

        /// One report row with its hours and cost as text, two decimals.
        struct Row {
            var group: String
            var period: String
            var clusters: Int
            var runningHours: String
            var hibernatedHours: String
            var nodeHours: String
            var estimatedCost: String

            init(_ row: UsageRow) {
                group = row.group
                period = row.period
                clusters = row.clusters
                runningHours = UsageChart.money(row.runningHours)
                hibernatedHours = UsageChart.money(row.hibernatedHours)
                nodeHours = UsageChart.money(row.nodeHours)
                estimatedCost = UsageChart.money(row.estimatedCost)
            }
        }
    }

    func register(on ui: RouterGroup<Context>) {
        ui.get("reports") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let since = try Self.since(request)
                let report = try await console.api.get(UsageReportDocument.self, ConsoleAPI<Context>.base + "/usage?groupBy=team&period=day&since=\(since)",
                                                       token: session.token, context: context)
                let model = Model(since: since, perDay: console.templates.render(UsageChart.perDay(report.rows, currency: "USD"), "chart"),
                                  perTeam: console.templates.render(UsageChart.perTeam(report.rows, currency: "USD"), "chart"),
                                  rows: report.rows.map(Model.Row.init), csvHref: "/ui/reports/usage.csv?since=\(since)")
                return console.page("Reports", session, "reports", model, section: .init(reports: true))
            }
        }
        ui.get("reports/usage.csv") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let since = try Self.since(request)
                let reply = try await console.api.call(.get, ConsoleAPI<Context>.base + "/usage?groupBy=team&period=day&since=\(since)&format=csv",
                                                       token: session.token, accept: "text/csv", context: context)
                guard reply.ok else { throw ConsoleFailure.api(reply.status) }
                return HTMLResponse.download(reply.body, contentType: "text/csv; charset=utf-8", filename: "usage-\(since).csv")
            }
        }
    }

    /// The report's range, a duration such as 7d; 30d when not given.
    static func since(_ request: Request) throws(ConsoleFailure) -> String {
        guard let since = request.uri.queryParameters.get("since") else { return "30d" }
        guard since.utf8.count <= 8, TTLDuration(since) != nil else {
            throw .badRequest("since must be a duration such as 7d, 30d or 12h, got \"\(since.prefix(40))\"")
        }
        return since
    }
}
