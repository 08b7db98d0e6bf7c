public import OCPModel

/// The crash test's writer: creates clusters one by one and reports each only after the store acknowledged it.
public enum CrashWorkload {
    /// The namespace the workload writes to.
    public static let namespace = "crash"

    /// Writes until `limit` or until the process is killed; `acknowledge` gets each stored cluster's name.
    public static func run(store: any ClusterStore, limit: Int, now: @Sendable () -> Timestamp,
                           acknowledge: @Sendable (String) -> Void) async throws {
        for index in 0..<limit {
            var spec = ClusterSpec(profile: "aws-minimal-test")
            spec.baseDomain = "crash.example.com"
            let name = "crash-\(index)"
            let created = try await store.createCluster(Cluster(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec), now: now())
            // A second write per item, so the kill can land between a create and its status update too.
            var status = ClusterStatus()
            status.phase = .pending
            _ = try await store.updateClusterStatus(ClusterKey(namespace: namespace, name: name), status: status,
                                                    resourceVersion: created.metadata.resourceVersion, fence: nil)
            acknowledge(name)
        }
    }
}
