import OCPModel
import Synchronization

/// Clusters already decoded from their rows, by uid and resource version. Every write to a cluster row takes a
/// new resource version from the store's one revision counter, so a row with the same uid and version holds
/// the same cluster: a list reuses the decoded value instead of decoding its JSON columns again, which was most
/// of the cost of a list.
final class DecodedClusters: Sendable {
    private struct Entry {
        let resourceVersion: Int64
        let cluster: Cluster
    }

    /// Enough for every cluster of a large installation; past it the cache starts over rather than growing.
    static let capacity = 20_000
    private let entries = Mutex<[String: Entry]>([:])

    /// The cluster a row holds: from the cache when its uid and resource version match, else decoded and kept.
    func cluster(_ row: SQLRow, at offset: Int) throws -> Cluster {
        let uid = try row.text(offset)
        let version = try row.int(offset + 8)
        if let entry = entries.withLock({ $0[uid] }), entry.resourceVersion == version { return entry.cluster }
        let cluster = try ClusterRow.decode(row, at: offset)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[uid] = Entry(resourceVersion: version, cluster: cluster)
        }
        return cluster
    }
}
