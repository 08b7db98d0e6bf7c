import Foundation

/// The media types a Kubernetes client asks for in `Accept`, as (type, parameters) ranges in the client's order.
struct AcceptHeader: Sendable {
    struct Range: Sendable {
        let type: String
        let parameters: [String: String]
    }

    let ranges: [Range]

    init(_ header: String?) {
        ranges = (header ?? "").split(separator: ",").map { range in
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            var parameters: [String: String] = [:]
            for part in parts.dropFirst() {
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { parameters[pair[0].lowercased()] = pair[1] }
            }
            return Range(type: (parts.first ?? "").lowercased(), parameters: parameters)
        }
    }

    /// The first range asking for `as=KIND` in group `group` at one of `versions`: its version.
    func version(of kind: String, group: String, versions: [String]) -> String? {
        for range in ranges where range.type == "application/json" && range.parameters["as"] == kind && range.parameters["g"] == group {
            if let version = range.parameters["v"], versions.contains(version) { return version }
        }
        return nil
    }

    /// Whether a plain JSON answer is acceptable: no header, `*/*`, `application/*` or `application/json` without `as=`.
    var acceptsPlainJSON: Bool {
        ranges.isEmpty || ranges.contains { range in
            (range.type == "application/json" && range.parameters["as"] == nil) || range.type == "*/*" || range.type == "application/*" || range.type.isEmpty
        }
    }
}
