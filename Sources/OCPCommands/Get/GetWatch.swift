import Foundation
import OCPClient
import OCPModel

/// `ocpctl get clusters -w`: the list, then one line (or document) per change, from the server's watch, until interrupted.
struct GetWatch {
    let client: OCPClient
    let namespace: String?
    let name: String?
    let selector: String?
    let format: ClusterPrinter.Format
    let withNamespace: Bool

    func run() async throws {
        var version = try await printCurrent()
        while true {
            do {
                for try await event in client.watchClusters(namespace: namespace, name: name, labelSelector: selector, resourceVersion: version) {
                    switch event {
                    case .added(let cluster), .modified(let cluster), .deleted(let cluster):
                        try printChange(cluster)
                        version = cluster.metadata.resourceVersion ?? version
                    case .bookmark(let resourceVersion):
                        version = resourceVersion
                    case .error:
                        // The server no longer holds our place in its history: list again, as kubectl does.
                        version = try await printCurrent(header: false)
                    }
                }
            } catch let error as ClientError where error.code == 410 {
                version = try await printCurrent(header: false)
            }
        }
    }

    /// Prints what exists now and returns the revision to watch after.
    private func printCurrent(header: Bool = true) async throws -> String? {
        let clusters: [Cluster]
        let version: String?
        if let name, let namespace {
            do {
                let cluster = try await client.getCluster(namespace: namespace, name: name)
                clusters = [cluster]
                version = cluster.metadata.resourceVersion
            } catch let error as ClientError where error.code == 404 {
                // Nothing yet: watch from the list's revision for its creation.
                let list = try await client.listClusters(namespace: namespace, labelSelector: selector, limit: 1)
                clusters = []
                version = list.metadata.resourceVersion
            }
        } else {
            let list = try await client.listClusters(namespace: namespace, labelSelector: selector)
            clusters = list.items
            version = list.metadata.resourceVersion
        }
        if !clusters.isEmpty {
            let text = try ClusterPrinter.render(clusters, format: format, withNamespace: withNamespace, single: format == .yaml || format == .json)
            print(header ? text : Self.withoutHeader(text, format: format))
        }
        fflush(nil)
        return version
    }

    private func printChange(_ cluster: Cluster) throws {
        let text = try ClusterPrinter.render([cluster], format: format, withNamespace: withNamespace, single: true)
        switch format {
        case .yaml: print("---\n" + text)
        default: print(Self.withoutHeader(text, format: format))
        }
        // A pipe or file reader sees each change as it happens, not when a buffer fills.
        fflush(nil)
    }

    /// A table's rows without its header line; other formats as they are.
    private static func withoutHeader(_ text: String, format: ClusterPrinter.Format) -> String {
        guard format == .table || format == .wide else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
    }
}
