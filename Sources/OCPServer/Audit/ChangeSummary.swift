import Foundation
import OCPModel

/// One line naming what a write changed, field by field: `spec.workers: 0 -> 2; metadata.labels.purpose: (none) -> ci`.
enum ChangeSummary {
    /// Fields of spec, labels and annotations that differ between `old` and `new`.
    static func describe(old: Cluster, new: Cluster) -> String {
        let before = flatten(old), after = flatten(new)
        let keys = Set(before.keys).union(after.keys).sorted()
        let changes = keys.compactMap { key -> String? in
            let was = before[key], now = after[key]
            return was == now ? nil : "\(key): \(was ?? "(none)") -> \(now ?? "(none)")"
        }
        return changes.isEmpty ? "no change" : changes.joined(separator: "; ")
    }

    /// The fields a create set, for the audit of a new cluster.
    static func describe(created cluster: Cluster) -> String {
        "created: " + flatten(cluster).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    private static func flatten(_ cluster: Cluster) -> [String: String] {
        var fields: [String: String] = [:]
        for (key, value) in cluster.metadata.labels ?? [:] { fields["metadata.labels.\(key)"] = value }
        for (key, value) in cluster.metadata.annotations ?? [:] where key != Cluster.requestIDAnnotation {
            fields["metadata.annotations.\(key)"] = value
        }
        let spec = cluster.spec
        fields["spec.profile"] = spec.profile
        fields["spec.version"] = spec.version
        fields["spec.region"] = spec.region
        fields["spec.baseDomain"] = spec.baseDomain
        fields["spec.owner"] = spec.owner
        fields["spec.costCenter"] = spec.costCenter
        fields["spec.ttl"] = spec.ttl.map { "\($0)" }
        fields["spec.workers"] = spec.workers.map(String.init)
        fields["spec.powerState"] = spec.powerState?.rawValue
        for (key, value) in spec.tags ?? [:] { fields["spec.tags.\(key)"] = value }
        for (index, schedule) in (spec.hibernation?.schedules ?? []).enumerated() {
            fields["spec.hibernation.schedules[\(index)]"] = "\(schedule.start ?? "-") .. \(schedule.end ?? "-") \(schedule.location ?? "UTC")"
        }
        if let override = spec.hibernation?.override {
            fields["spec.hibernation.override"] = "\(override.powerState) until \(override.until)"
        }
        return fields
    }
}
