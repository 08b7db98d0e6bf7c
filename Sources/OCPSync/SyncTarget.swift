public import OCPModel

/// Where a sync reads live clusters and writes changes: the HTTP API for `ocpctl sync`, the store for sources.
public protocol SyncTarget: Sendable {
    /// Every live cluster, in all namespaces.
    func liveClusters() async throws -> [Cluster]
    /// Creates a cluster (already stamped with the source's annotations).
    func create(_ cluster: Cluster) async throws
    /// Replaces spec, labels and annotations of `live` with those of `desired`.
    func update(_ desired: Cluster, over live: Cluster) async throws
    /// Requests deletion.
    func delete(namespace: String, name: String) async throws
}
