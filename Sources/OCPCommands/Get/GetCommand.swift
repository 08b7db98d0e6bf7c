import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl get clusters [NAME]`: a table, or `-o yaml|json|wide|name`.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one cluster or a list of clusters.")

    @Argument(help: "The resource type: clusters, syncsources, or outputs (with cluster/NAME).")
    var resource: String

    @Argument(help: "A cluster name; all clusters when left out. For outputs: cluster/NAME.")
    var name: String?

    @Option(help: "With outputs: write the cluster's kubeconfig to this file (owner-only).")
    var kubeconfigFile: String?

    @Flag(help: "With outputs: reveal the kubeadmin password (admins only; audited).")
    var showKubeadminPassword = false

    @Option(name: .shortAndLong, help: "Output format: yaml, json, wide or name.")
    var output: String?

    @Option(name: [.customShort("l"), .long], help: "Label selector, e.g. purpose=ci,tier!=gold.")
    var selector: String?

    @Flag(name: [.customShort("w"), .long], help: "After listing, print each change as it happens (clusters).")
    var watch = false

    @OptionGroup var namespaces: NamespaceOptions
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if watch, try ResourceType.of(resource) != .clusters { throw ValidationError("--watch works with clusters only") }
        _ = try ResourceType.of(resource)
        if let output, ClusterPrinter.Format(rawValue: output) == nil || output == "table" {
            throw ValidationError("--output must be one of yaml, json, wide, name; got \"\(output)\"")
        }
    }

    func run() async throws {
        let client = try connection.client()
        let format = output.flatMap(ClusterPrinter.Format.init(rawValue:)) ?? .table
        if try ResourceType.of(resource) == .outputs {
            guard let name else { throw ValidationError("get outputs needs cluster/NAME") }
            try await reportingErrors {
                try await OutputsPrinter(client: client, namespace: namespaces.namespace, target: name)
                    .print(format: format, kubeconfigFile: kubeconfigFile, showPassword: showKubeadminPassword)
            }
            return
        }
        if try ResourceType.of(resource) == .syncSources {
            try await reportingErrors {
                let sources: [SyncSource]
                if let name {
                    sources = [try await client.getSyncSource(namespace: namespaces.namespace, name: name)]
                } else {
                    sources = try await client.listSyncSources(namespace: namespaces.listNamespace)
                }
                print(try SyncSourcePrinter.render(sources, format: format, single: name != nil))
            }
            return
        }
        if watch {
            try await reportingErrors {
                try await GetWatch(client: client, namespace: namespaces.listNamespace, name: name, selector: selector, format: format,
                                   withNamespace: namespaces.allNamespaces).run()
            }
            return
        }
        try await reportingErrors {
            let clusters: [Cluster]
            if let name {
                clusters = [try await client.getCluster(namespace: namespaces.namespace, name: name)]
            } else {
                clusters = try await client.listAllClusters(namespace: namespaces.listNamespace, labelSelector: selector)
            }
            if clusters.isEmpty && (format == .table || format == .wide) {
                StandardError.print(namespaces.allNamespaces ? "No resources found" : "No resources found in \(namespaces.namespace) namespace.")
                return
            }
            print(try ClusterPrinter.render(clusters, format: format, withNamespace: namespaces.allNamespaces, single: name != nil))
        }
    }
}

/// The resource types `get` and `describe` show, under kubectl's spellings.
enum ResourceType {
    case clusters
    case syncSources
    case outputs

    static func of(_ resource: String) throws -> ResourceType {
        if ["output", "outputs"].contains(resource.lowercased()) { return .outputs }
        if ["syncsource", "syncsources", "syncsource.ocpctl.io", "syncsources.ocpctl.io"].contains(resource.lowercased()) { return .syncSources }
        _ = try ClusterResource.check(resource)
        return .clusters
    }
}

/// The cluster resource, under kubectl's spellings.
enum ClusterResource {
    static func check(_ resource: String) throws -> String {
        guard ["cluster", "clusters", "cluster.ocpctl.io", "clusters.ocpctl.io"].contains(resource.lowercased()) else {
            throw ValidationError("unknown resource type \"\(resource)\": ocpctl knows clusters, syncsources and outputs")
        }
        return "clusters"
    }
}
