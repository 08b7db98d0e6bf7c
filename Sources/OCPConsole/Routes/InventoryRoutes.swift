import HTTPTypes
import Foundation
import Hummingbird
import NIOCore
import OCPModel

/// The inventory: every cluster the user may see (the API filters by team), with filters, sorting and paging;
/// and the Server-Sent Events stream that keeps phase, Ready, workers and expiry current, fed by the API's watch.
struct InventoryRoutes<Context: RequestContext>: Sendable {
    let console: Console<Context>

    func register(on ui: RouterGroup<Context>) {
        ui.get("clusters") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let query = try InventoryQuery(request.uri.queryParameters.map { (String($0.key), String($0.value)) })
                let clusters = try await console.listClusters(team: query.team, label: query.label, session, context)
                let model = InventoryModel(query: query, clusters: clusters, teams: session.teams)
                return console.page("Clusters", session, "inventory", model, section: .init(clusters: true))
            }
        }
        ui.get("events") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let parameters = request.uri.queryParameters
                var path = ConsoleAPI<Context>.base + "/clusters?watch=true&allowWatchBookmarks=true&timeoutSeconds=300"
                if let team = parameters.get("team") {
                    guard NameRules.isDNS1123Label(team) else { throw ConsoleFailure.badRequest("team must be a team name (a DNS label)") }
                    path = ConsoleAPI<Context>.base + "/namespaces/\(team)/clusters?watch=true&allowWatchBookmarks=true&timeoutSeconds=300"
                    if let name = parameters.get("name") {
                        guard NameRules.isDNS1123Label(name) else { throw ConsoleFailure.badRequest("name must be a cluster name (a DNS label)") }
                        path += "&fieldSelector=metadata.name%3D\(name)"
                    }
                }
                let watch = try await console.api.response(.get, path, token: session.token, context: context)
                guard watch.status == .ok else { throw ConsoleFailure.api(StatusDocument(code: Int(watch.status.code), reason: .forbidden, message: "the watch was refused")) }
                var headers = HTMLResponse.securityHeaders(contentType: "text/event-stream")
                headers[.cacheControl] = "no-cache"
                return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                    try await watch.body.write(EventStreamWriter(outer: writer))
                })
            }
        }
    }
}

extension Console {
    /// The clusters the user may see, of one team or all, passing a label selector to the API.
    func listClusters(team: String?, label: String?, _ session: ConsoleSession, _ context: Context) async throws -> [Cluster] {
        var path = ConsoleAPI<Context>.base + (team.map { "/namespaces/\($0)/clusters" } ?? "/clusters")
        if let label { path += "?labelSelector=" + InventoryQuery.encode(label) }
        return try await api.get(ClusterListDocument.self, path, token: session.token, context: context).items
    }
}

/// Turns the API's watch lines into Server-Sent Events carrying each cluster's live fields.
struct EventStreamWriter: ResponseBodyWriter {
    var outer: any ResponseBodyWriter
    var pending: [UInt8] = []
    var started = false

    mutating func write(_ buffer: ByteBuffer) async throws {
        if !started {
            started = true
            try await outer.write(ByteBuffer(string: ": connected\n\n"))
        }
        pending += buffer.readableBytesView
        var out = ""
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if let event = Self.event(line) { out += event }
        }
        if !out.isEmpty { try await outer.write(ByteBuffer(string: out)) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        try await outer.finish(nil)
    }

    /// One SSE message for one watch line: a comment for a bookmark, nil for errors and anything unreadable.
    static func event(_ line: [UInt8]) -> String? {
        guard let watch = try? JSONDecoder().decode(WatchLine.self, from: Data(line)) else { return nil }
        // A bookmark becomes a comment the browser ignores: writing it is how a stream whose page has gone is noticed
        // and ended (within the API's bookmark interval), rather than holding its watch until the timeout.
        if watch.type == "BOOKMARK" { return ": bookmark\n\n" }
        guard watch.type != "ERROR", let cluster = watch.object else { return nil }
        let fields = LiveFields(cluster, deleted: watch.type == "DELETED")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return nil }
        return "event: cluster\ndata: " + String(decoding: data, as: UTF8.self) + "\n\n"
    }
}

/// One watch line, read once: the object is decoded only for events that carry a cluster (a bookmark's or an
/// error's object is not one).
struct WatchLine: Decodable {
    var type: String
    var object: Cluster?

    enum CodingKeys: String, CodingKey { case type, object }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        object = type == "BOOKMARK" || type == "ERROR" ? nil : try container.decode(Cluster.self, forKey: .object)
    }
}
