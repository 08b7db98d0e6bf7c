import Foundation
import OCPModel

/// The inventory's filters, sort and page, read from the query string and refused with a clear message when bad.
struct InventoryQuery: Sendable, Equatable {
    enum SortKey: String, CaseIterable, Sendable {
        case name, team, phase, profile, owner, expires, created
    }

    var team: String?
    var phase: ClusterPhase?
    var profile: String?
    var owner: String?
    /// A label selector, passed to the API, which parses it.
    var label: String?
    var sort: SortKey = .name
    var descending = false
    var page = 1

    static let pageSize = 50
    static let parameterNames: Set<String> = ["team", "phase", "profile", "owner", "label", "sort", "order", "page"]

    init() {}

    /// Reads the query's parameters; an unknown parameter or a bad value is a 400 naming it.
    init(_ parameters: [(String, String)]) throws(ConsoleFailure) {
        for (name, value) in parameters {
            guard Self.parameterNames.contains(name) else {
                throw .badRequest("unknown query parameter \"\(name.prefix(40))\": use \(Self.parameterNames.sorted().joined(separator: ", "))")
            }
            guard value.utf8.count <= 256 else { throw .badRequest("query parameter \(name) is longer than 256 characters") }
            let value = value.trimmingCharacters(in: .whitespaces)
            if value.isEmpty { continue }
            switch name {
            case "team":
                guard NameRules.isDNS1123Label(value) else { throw .badRequest("team must be a team name (a DNS label), got \"\(value.prefix(64))\"") }
                team = value
            case "phase":
                guard let parsed = ClusterPhase(rawValue: value) else {
                    throw .badRequest("phase must be one of \(ClusterPhase.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(value.prefix(64))\"")
                }
                phase = parsed
            case "profile": profile = value
            case "owner": owner = value
            case "label": label = value
            case "sort":
                guard let key = SortKey(rawValue: value) else {
                    throw .badRequest("sort must be one of \(SortKey.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(value.prefix(64))\"")
                }
                sort = key
            case "order":
                guard value == "asc" || value == "desc" else { throw .badRequest("order must be asc or desc, got \"\(value.prefix(64))\"") }
                descending = value == "desc"
            default:
                guard let number = Int(value), number >= 1, number <= 100_000 else {
                    throw .badRequest("page must be a whole number from 1, got \"\(value.prefix(64))\"")
                }
                page = number
            }
        }
    }

    /// The clusters that pass the filters the API did not apply, sorted, and the requested page of them.
    func apply(_ clusters: [Cluster]) -> (page: ArraySlice<Cluster>, total: Int, pages: Int) {
        let kept = clusters.filter { cluster in
            (phase == nil || (cluster.status?.phase ?? .pending) == phase)
                && (profile == nil || cluster.spec.profile == profile)
                && (owner == nil || cluster.spec.owner == owner)
        }
        let sorted = kept.sorted { a, b in
            let (x, y) = (sortValue(a), sortValue(b))
            if x != y { return descending ? x > y : x < y }
            return (a.metadata.namespace ?? "", a.metadata.name) < (b.metadata.namespace ?? "", b.metadata.name)
        }
        let pages = max(1, (sorted.count + Self.pageSize - 1) / Self.pageSize)
        let start = min((page - 1) * Self.pageSize, sorted.count)
        return (sorted[start..<min(start + Self.pageSize, sorted.count)], sorted.count, pages)
    }

    private func sortValue(_ cluster: Cluster) -> String {
        switch sort {
        case .name: cluster.metadata.name
        case .team: cluster.metadata.namespace ?? ""
        case .phase: cluster.status?.phase?.rawValue ?? "Pending"
        case .profile: cluster.spec.profile
        case .owner: cluster.spec.owner ?? ""
        case .expires: cluster.status?.expiresAt?.rfc3339 ?? "~"
        case .created: cluster.metadata.creationTimestamp?.rfc3339 ?? ""
        }
    }

    /// The query string of this query with some values changed, for links (sort headers, pages).
    func link(sort: SortKey? = nil, descending: Bool? = nil, page: Int? = nil) -> String {
        var items: [(String, String)] = []
        if let team { items.append(("team", team)) }
        if let phase { items.append(("phase", phase.rawValue)) }
        if let profile { items.append(("profile", profile)) }
        if let owner { items.append(("owner", owner)) }
        if let label { items.append(("label", label)) }
        items.append(("sort", (sort ?? self.sort).rawValue))
        items.append(("order", (descending ?? self.descending) ? "desc" : "asc"))
        items.append(("page", String(page ?? self.page)))
        return "/ui/clusters?" + items.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}

/// The inventory page's values.
struct InventoryModel {
    struct Row {
        var live: LiveFields
        var href: String
        var profile: String
        var owner: String
        var labels: String
    }

    struct Column {
        var title: String
        var href: String
        /// `ascending`, `descending` or `none`, for aria-sort.
        var ariaSort: String
    }

    var rows: [Row]
    var columns: [Column]
    var total: Int
    var page: Int
    var pages: Int
    var previous: String?
    var next: String?
    var team: String
    var teams: [String]
    var phases: [FormOption]
    var profile: String
    var owner: String
    var label: String
    var liveURL: String
    var empty: Bool

    init(query: InventoryQuery, clusters: [Cluster], teams: [String]) {
        let (page, total, pages) = query.apply(clusters)
        rows = page.map { cluster in
            let live = LiveFields(cluster)
            let labels = (cluster.metadata.labels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            return Row(live: live, href: "/ui/clusters/\(live.namespace)/\(live.name)", profile: cluster.spec.profile,
                       owner: cluster.spec.owner ?? "", labels: labels)
        }
        let titles: [(String, InventoryQuery.SortKey)] = [("Name", .name), ("Team", .team), ("Phase", .phase), ("Profile", .profile),
                                                         ("Owner", .owner), ("Expires", .expires)]
        columns = titles.map { title, key in
            let current = query.sort == key
            return Column(title: title, href: query.link(sort: key, descending: current ? !query.descending : false, page: 1),
                          ariaSort: current ? (query.descending ? "descending" : "ascending") : "none")
        }
        self.total = total
        self.page = min(query.page, pages)
        self.pages = pages
        previous = query.page > 1 ? query.link(page: query.page - 1) : nil
        next = query.page < pages ? query.link(page: query.page + 1) : nil
        team = query.team ?? ""
        self.teams = teams
        phases = ClusterPhase.allCases.map { FormOption(value: $0.rawValue, selected: $0 == query.phase) }
        profile = query.profile ?? ""
        owner = query.owner ?? ""
        label = query.label ?? ""
        empty = rows.isEmpty
        liveURL = "/ui/events" + (query.team.map { "?team=\($0)" } ?? "")
    }
}
