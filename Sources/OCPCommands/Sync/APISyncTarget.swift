import OCPClient
import OCPModel
import OCPSync

/// `ocpctl sync` writes through the API, so every change passes the server's validation, RBAC and audit.
struct APISyncTarget: SyncTarget {
    let client: OCPClient

    func liveClusters() async throws -> [Cluster] {
        try await client.listAllClusters(namespace: nil)
    }

    func create(_ cluster: Cluster) async throws {
        _ = try await client.createCluster(cluster)
    }

    func update(_ desired: Cluster, over live: Cluster) async throws {
        var replacement = ApplyCommand.desired(desired, over: live)
        // Guarded by the version the plan was made from: a concurrent edit makes this sync fail, not win blindly.
        replacement.metadata.resourceVersion = live.metadata.resourceVersion
        _ = try await client.replaceCluster(replacement)
    }

    func delete(namespace: String, name: String) async throws {
        _ = try await client.deleteCluster(namespace: namespace, name: name)
    }
}
