import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let watch: [ConformanceCase] = [
        ConformanceCase("watch from a list's revision sees every later change in order") { h in
            _ = try await h.store.createCluster(cluster("before"), now: h.now)
            let listed = try await h.store.listClusters(ClusterListQuery())
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            let key = ClusterKey(namespace: "team-a", name: "c1")
            let updated = try await h.store.updateClusterStatus(key, status: ClusterStatus(), resourceVersion: nil, fence: nil)
            _ = try await h.store.deleteCluster(key, resourceVersion: nil, now: h.now)
            _ = try await h.store.removeFinalizer(key, finalizer: Cluster.finalizer, fence: nil, now: h.now)

            var changes: [ClusterChange] = []
            for try await change in h.store.watchClusters(after: listed.revision) {
                changes.append(change)
                if changes.count == 4 { break }
            }
            #expect(changes.map(\.type) == [.added, .modified, .modified, .deleted])
            #expect(changes.allSatisfy { $0.key == key && $0.uid == created.metadata.uid })
            #expect(changes.first?.revision == Int64(created.metadata.resourceVersion!))
            #expect(changes[1].revision == Int64(updated.metadata.resourceVersion!))
            #expect(changes.map(\.revision) == changes.map(\.revision).sorted())
            #expect(changes.last?.revision == (try await h.store.currentRevision()))
        },
        ConformanceCase("a waiting watch wakes when a write commits") { h in
            let start = try await h.store.currentRevision()
            async let first: ClusterChange? = {
                var iterator = h.store.watchClusters(after: start).makeAsyncIterator()
                return try await iterator.next()
            }()
            // The watcher may or may not be waiting yet; either way it must see this write.
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            let change = try #require(try await first)
            #expect(change.type == .added)
            #expect(change.revision == Int64(created.metadata.resourceVersion!))
        },
        ConformanceCase("a watch from before the compacted revision must relist") { h in
            for index in 0..<3 { _ = try await h.store.createCluster(cluster("c\(index)"), now: h.now) }
            let revision = try await h.store.currentRevision()
            try await h.store.compactChanges(through: revision - 1)
            var iterator = h.store.watchClusters(after: 0).makeAsyncIterator()
            await expectStoreError({ try await iterator.next() }) { $0 == .compacted(requested: 0, oldest: revision - 1) }
            var fromCompacted = h.store.watchClusters(after: revision - 1).makeAsyncIterator()
            #expect(try await fromCompacted.next()?.revision == revision)
        },
        ConformanceCase("compacting the whole change log keeps the revision: the next write takes the one after") { h in
            for index in 0..<2 { _ = try await h.store.createCluster(cluster("c\(index)"), now: h.now) }
            let revision = try await h.store.currentRevision()
            try await h.store.compactChanges(through: revision)
            #expect(try await h.store.currentRevision() == revision)
            #expect(try await h.store.listClusters(ClusterListQuery()).revision == revision)
            let next = try await h.store.createCluster(cluster("c2"), now: h.now)
            #expect(next.metadata.resourceVersion == String(revision + 1))
            var iterator = h.store.watchClusters(after: revision).makeAsyncIterator()
            #expect(try await iterator.next()?.key == ClusterKey(namespace: "team-a", name: "c2"))
            #expect(try await h.store.integrityCheck() == [])
        },
    ]
}
