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
            return TablePrinter.render(clusters, wide: format == .wide, withNamespace: withNamespace)
        }
    }
}

/// Any kind's table from its shared column definitions (`TableRows`), as kubectl prints a server's Table.
enum TablePrinter {
    static func render<Object: TableRows>(_ objects: [Object], wide: Bool, withNamespace: Bool) -> String {
        let columns = Object.tableColumns.filter { $0.priority == 0 || wide }
        var header = columns.map { $0.name.uppercased() }
        if withNamespace { header.insert("NAMESPACE", at: 0) }
        let now = Formatting.now
        let rows = objects.map { object -> [String] in
            var row = columns.map { $0.cell(object, now) }
            if withNamespace { row.insert(object.metadata.namespace ?? "", at: 0) }
            return row
        }
        return Formatting.table(header, rows)
    }
}
