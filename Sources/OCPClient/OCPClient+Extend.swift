public import Foundation
public import OCPModel

extension OCPClient {
    /// POST `.../clusters/NAME/extend`: lengthens `spec.ttl` by `by` (e.g. `24h`) within the profile's maximum.
    public func extendCluster(namespace: String, name: String, by: String, dryRun: Bool = false) async throws -> Cluster {
        let body = try JSONSerialization.data(withJSONObject: ["apiVersion": Cluster.apiVersion, "kind": "ClusterExtension", "by": by],
                                              options: [.sortedKeys])
        return try await call("POST", Self.clusterPath(namespace, name) + "/extend" + Self.dryRunQuery(dryRun), body: body,
                              contentType: "application/json")
    }
}
