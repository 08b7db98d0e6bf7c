public import OCPModel

/// Cluster objects with Kubernetes semantics: resourceVersion preconditions, generation, finalizers, watch.
public protocol ClusterStore: Sendable {
    /// Stores a new cluster; sets uid, resourceVersion, generation 1, creationTimestamp = `now` and the finalizer.
    /// A fence, when given, is checked in the same transaction.
    func createCluster(_ cluster: Cluster, now: Timestamp, fence: LeaseFence?) async throws -> Cluster
    /// Creates the cluster only if `admit` returns given the namespace's live clusters, read under a lock that
    /// serialises creates in that namespace on every replica; what `admit` throws is rethrown and nothing is written.
    func createCluster(_ cluster: Cluster, now: Timestamp, fence: LeaseFence?,
                       admit: @escaping @Sendable ([Cluster]) throws -> Void) async throws -> Cluster

    /// The live cluster with this key (including one being deleted), or `.notFound`.
    func getCluster(_ key: ClusterKey) async throws -> Cluster

    /// A page of live clusters in (namespace, name) order.
    func listClusters(_ query: ClusterListQuery) async throws -> ClusterList

    /// Replaces spec, labels and annotations; `metadata.resourceVersion`, when set, must match.
    /// Bumps generation only when the spec changed; always bumps resourceVersion.
    func updateCluster(_ cluster: Cluster, fence: LeaseFence?) async throws -> Cluster

    /// Replaces the status; never bumps generation. A fence, when given, is checked in the same transaction.
    func updateClusterStatus(_ key: ClusterKey, status: ClusterStatus, resourceVersion: String?, fence: LeaseFence?) async throws -> Cluster

    /// Requests deletion: sets deletionTimestamp (once); a cluster without finalizers goes at once (then nil).
    func deleteCluster(_ key: ClusterKey, resourceVersion: String?, now: Timestamp, fence: LeaseFence?) async throws -> Cluster?

    /// Removes a finalizer; when none is left on a deleted cluster, the cluster goes (then nil). History stays.
    func removeFinalizer(_ key: ClusterKey, finalizer: String, fence: LeaseFence?, now: Timestamp) async throws -> Cluster?

    /// The newest revision written.
    func currentRevision() async throws -> Int64

    /// Changes after `revision`, in revision order, waiting for new ones until the consumer stops.
    func watchClusters(after revision: Int64) -> ClusterChangeStream

    /// Drops change-log entries at or below `revision`; watches from before it get `.compacted`.
    /// With a fence, only while the fence still holds its lease.
    func compactChanges(through revision: Int64, fence: LeaseFence?) async throws
}

extension ClusterStore {
    /// Stores a new cluster, unfenced.
    public func createCluster(_ cluster: Cluster, now: Timestamp) async throws -> Cluster {
        try await createCluster(cluster, now: now, fence: nil)
    }

    /// Replaces spec, labels and annotations, unfenced.
    public func updateCluster(_ cluster: Cluster) async throws -> Cluster {
        try await updateCluster(cluster, fence: nil)
    }

    /// Requests deletion, unfenced.
    public func deleteCluster(_ key: ClusterKey, resourceVersion: String?, now: Timestamp) async throws -> Cluster? {
        try await deleteCluster(key, resourceVersion: resourceVersion, now: now, fence: nil)
    }

    /// Drops change-log entries at or below `revision`, unfenced.
    public func compactChanges(through revision: Int64) async throws {
        try await compactChanges(through: revision, fence: nil)
    }
}
