import OCPModel

/// How `get` prints clusters: tables (plain and wide), names, YAML and JSON.
enum ClusterPrinter {
    enum Format: String, CaseIterable {
        case table, wide, name, yaml, json
    }

    /// The text for `clusters`; `single` prints one object rather than a list.
    static func render(_ clusters: [Cluster], format: Format, withNamespace: Bool, single: Bool) throws -> String {
        switch format {
        case .name:
            return clusters.map { "cluster.ocpctl.io/\($0.metadata.name)" }.joined(separator: "\n")
        case .json:
            return single && clusters.count == 1 ? try ResourceEncoding.json(clusters[0])
                : try ResourceEncoding.json(ClusterListDocument(items: clusters, resourceVersion: nil, continue: nil))
        case .yaml:
            return single && clusters.count == 1 ? try ResourceEncoding.yaml(clusters[0])
                : try ResourceEncoding.yaml(ClusterListDocument(items: clusters, resourceVersion: nil, continue: nil))
        case .table, .wide:
            var header = ["NAME", "PROFILE", "VERSION", "PHASE", "READY", "WORKERS", "EXPIRES", "AGE"]
            if format == .wide { header += ["REGION", "OWNER", "INFRA ID", "API URL"] }
            if withNamespace { header.insert("NAMESPACE", at: 0) }
            let now = Formatting.now
            let rows = clusters.map { cluster -> [String] in
                var row = cells(cluster, now: now)
                if format == .wide {
                    row += [cluster.spec.region ?? "", cluster.spec.owner ?? "", cluster.status?.infraID ?? "", cluster.status?.apiURL ?? ""]
                }
                if withNamespace { row.insert(cluster.metadata.namespace ?? "", at: 0) }
                return row
            }
            return Formatting.table(header, rows)
        }
    }

    private static func cells(_ cluster: Cluster, now: Timestamp) -> [String] {
        let status = cluster.status
        let workers = status?.workers.map { "\($0.ready)/\($0.desired)" } ?? "0/\(cluster.spec.workers ?? 0)"
        let expires: String = status?.expiresAt.map { $0 <= now ? "expired" : Formatting.span($0.seconds(since: now)) } ?? "<none>"
        let phase = cluster.metadata.deletionTimestamp != nil && status?.phase != .destroying ? "Deleting" : (status?.phase?.rawValue ?? "Pending")
        return [cluster.metadata.name, cluster.spec.profile, cluster.spec.version ?? "", phase,
                status?.conditions.condition(ConditionType.ready)?.status.rawValue ?? "Unknown", workers, expires,
                Formatting.age(cluster.metadata.creationTimestamp, now: now)]
    }
}
