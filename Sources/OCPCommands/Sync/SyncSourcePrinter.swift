import ArgumentParser
import OCPModel

/// Sync sources as a table, YAML, JSON or names; and `describe syncsource`.
enum SyncSourcePrinter {
    static func render(_ sources: [SyncSource], format: ClusterPrinter.Format, single: Bool) throws -> String {
        switch format {
        case .json: return single ? try ResourceEncoding.json(sources[0]) : try ResourceEncoding.json(ItemList(kind: "SyncSourceList", items: sources))
        case .yaml: return single ? try ResourceEncoding.yaml(sources[0]) : try ResourceEncoding.yaml(ItemList(kind: "SyncSourceList", items: sources))
        case .name: return sources.map { "syncsource.ocpctl.io/\($0.metadata.name)" }.joined(separator: "\n")
        case .table, .wide:
            return TablePrinter.render(sources, wide: format == .wide, withNamespace: true)
        }
    }

    static func describe(_ source: SyncSource) -> String {
        let status = source.status
        var lines = [
            "Name:          \(source.metadata.name)",
            "Namespace:     \(source.metadata.namespace ?? "default")",
            "Repo:          \(source.spec.repo)",
            "Revision:      \(source.spec.revision ?? "HEAD")",
            "Path:          \(source.spec.path ?? ".")",
            "Interval:      \(source.spec.interval?.text ?? "3m")",
            "Prune:         \(source.spec.prune ?? false)",
            "Self heal:     \(source.spec.selfHeal ?? false)",
            "Synced:        \(status?.lastSyncedRevision ?? "<none>")",
            "Attempted:     \(status?.lastAttemptedRevision ?? "<none>")",
            "Conditions:",
        ]
        lines.append(Formatting.table(["  TYPE", "STATUS", "REASON", "MESSAGE"], (status?.conditions ?? []).map {
            ["  " + $0.type, $0.status.rawValue, $0.reason, $0.message]
        }))
        lines.append("Resources:")
        lines.append(Formatting.table(["  NAMESPACE", "NAME", "RESULT", "MANIFEST", "MESSAGE"], (status?.resources ?? []).map {
            ["  " + $0.namespace, $0.name, $0.action.rawValue, $0.manifest ?? "-", $0.message ?? ""]
        }))
        if let drift = status?.drift, !drift.isEmpty {
            lines.append("Drift:")
            lines += drift.map { "  \($0.namespace)/\($0.name): \($0.message ?? "")" }
        }
        return lines.joined(separator: "\n")
    }

    static func short(_ revision: String?) -> String {
        guard let revision else { return "<none>" }
        return String(revision.prefix(12))
    }
}

/// `ocpctl sync status`: each source's revision and conditions.
struct SyncStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show each sync source's revision and conditions.")

    @OptionGroup var namespaces: NamespaceOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let client = try connection.client()
        try await reportingErrors {
            let sources = try await client.listSyncSources(namespace: namespaces.allNamespaces ? nil : namespaces.namespace)
            for source in sources {
                let conditions = source.status?.conditions ?? []
                print("syncsource.ocpctl.io/\(source.metadata.name) -n \(source.metadata.namespace ?? "default") at \(SyncSourcePrinter.short(source.status?.lastSyncedRevision))")
                for condition in conditions { print("  \(condition.type)=\(condition.status.rawValue) \(condition.reason): \(condition.message)") }
            }
            if sources.isEmpty { StandardError.print("No sync sources found") }
        }
    }
}
