public import OCPModel

/// Sync sources: plain objects with a per-object resourceVersion (they need no watch; the sync controller polls).
public protocol SyncSourceStore: Sendable {
    /// Stores a new source; sets uid, resourceVersion, generation 1 and creationTimestamp = `now`.
    func createSyncSource(_ source: SyncSource, now: Timestamp) async throws -> SyncSource
    /// The source, or `.notFound`.
    func getSyncSource(namespace: String, name: String) async throws -> SyncSource
    /// Sources of one namespace, or all, in (namespace, name) order.
    func listSyncSources(namespace: String?) async throws -> [SyncSource]
    /// Replaces spec and labels; `metadata.resourceVersion`, when set, must match. Bumps generation when the spec changed.
    func updateSyncSource(_ source: SyncSource) async throws -> SyncSource
    /// Replaces the status; never bumps generation. With a fence, only while the fence still holds its lease.
    func updateSyncSourceStatus(namespace: String, name: String, status: SyncSourceStatus, fence: LeaseFence?) async throws -> SyncSource
    /// Deletes the source; the clusters it applied stay (ownership is only an annotation).
    func deleteSyncSource(namespace: String, name: String) async throws
}

extension SyncSourceStore {
    /// Replaces the status, unfenced.
    public func updateSyncSourceStatus(namespace: String, name: String, status: SyncSourceStatus) async throws -> SyncSource {
        try await updateSyncSourceStatus(namespace: namespace, name: name, status: status, fence: nil)
    }
}
