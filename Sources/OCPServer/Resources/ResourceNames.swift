import OCPModel

/// How a kind is named on the wire: `Cluster`, `clusters`, and whether it lives in a namespace.
struct ResourceNames: Sendable, Hashable {
    let kind: String
    let plural: String
    let namespaced: Bool

    /// Names for `kind`, its plural formed as every ocpctl kind forms it.
    init(kind: String, namespaced: Bool) {
        self.kind = kind
        plural = Self.plural(of: kind)
        self.namespaced = namespaced
    }

    /// `Cluster` → `clusters`, `SyncSource` → `syncsources`, `Token` → `tokens`.
    static func plural(of kind: String) -> String { kind.lowercased() + "s" }

    /// `clusters.ocpctl.io`, as kubectl prints a resource.
    var qualified: String { "\(plural).ocpctl.io" }
}
