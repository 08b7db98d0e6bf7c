import OCPModel
import OCPStore

/// Where a hub's changes come from: a snapshot to start with, then each change after it, in order.
protocol WatchUpstream<Object>: Sendable {
    associatedtype Object: APIObject

    /// True when the revisions are the store's, so a watcher may resume after one it saw.
    var resumable: Bool { get }

    /// Every object now and the revision they were read at.
    func snapshot() async throws -> (objects: [Object], revision: Int64)

    /// Calls `emit` for each change after `revision` until cancelled; `objects` is the snapshot, for deletions.
    func changes(after revision: Int64, objects: [Object], emit: @Sendable (WatchEvent<Object>) -> Void) async throws
}

/// Clusters: the store's change log, read by one stream for the whole process.
struct ClusterUpstream: WatchUpstream {
    let store: any ControlPlaneStore
    var resumable: Bool { true }

    func snapshot() async throws -> (objects: [Cluster], revision: Int64) {
        let list = try await store.listClusters(ClusterListQuery())
        return (list.items, list.revision)
    }

    /// Each change becomes an event with the object as it is at that revision. A change the store has already
    /// overtaken is skipped: its later change carries the newer object, so revisions stay in order.
    func changes(after revision: Int64, objects: [Cluster], emit: @Sendable (WatchEvent<Cluster>) -> Void) async throws {
        var known = Dictionary(objects.compactMap { object in object.metadata.uid.map { ($0, object) } }, uniquingKeysWith: { _, last in last })
        for try await change in store.watchClusters(after: revision) {
            if change.type == .deleted {
                guard var last = known.removeValue(forKey: change.uid) else { continue }
                last.metadata.resourceVersion = String(change.revision)
                emit(WatchEvent(type: .deleted, revision: change.revision, object: last))
                continue
            }
            guard let cluster = try? await store.getCluster(change.key), cluster.metadata.uid == change.uid,
                  Int64(cluster.metadata.resourceVersion ?? "") == change.revision else { continue }
            let type: WatchEventType = known[change.uid] == nil ? .added : .modified
            known[change.uid] = cluster
            emit(WatchEvent(type: type, revision: change.revision, object: cluster))
        }
    }
}

/// SyncSources keep a resourceVersion per object and no change log, so one poller compares lists for every
/// watcher; its revisions are its own, and a watch on them starts from now.
struct SyncSourceUpstream: WatchUpstream {
    let store: any ControlPlaneStore
    var interval: Duration = .seconds(1)
    var resumable: Bool { false }

    func snapshot() async throws -> (objects: [SyncSource], revision: Int64) {
        (try await store.listSyncSources(namespace: nil), 0)
    }

    func changes(after revision: Int64, objects: [SyncSource], emit: @Sendable (WatchEvent<SyncSource>) -> Void) async throws {
        var known = Dictionary(objects.map { ($0.metadata.uid ?? $0.ownerName, $0) }, uniquingKeysWith: { _, last in last })
        var revision = revision
        while !Task.isCancelled {
            try await Task.sleep(for: interval)
            let now = try await store.listSyncSources(namespace: nil)
            var seen = Set<String>()
            for source in now {
                let key = source.metadata.uid ?? source.ownerName
                seen.insert(key)
                let previous = known[key]
                guard previous?.metadata.resourceVersion != source.metadata.resourceVersion || previous == nil else { continue }
                known[key] = source
                revision += 1
                emit(WatchEvent(type: previous == nil ? .added : .modified, revision: revision, object: source))
            }
            for (key, gone) in known where !seen.contains(key) {
                known[key] = nil
                revision += 1
                emit(WatchEvent(type: .deleted, revision: revision, object: gone))
            }
        }
    }
}
