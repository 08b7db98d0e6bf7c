import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let writes: [ConformanceCase] = [
        ConformanceCase("spec writes bump generation only when the spec changes") { h in
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            var relabelled = created
            relabelled.metadata.labels = ["purpose": "demo"]
            relabelled.metadata.annotations = ["note": "x"]
            let afterLabels = try await h.store.updateCluster(relabelled)
            #expect(afterLabels.metadata.generation == 1)
            #expect(afterLabels.metadata.labels == ["purpose": "demo"])
            #expect(afterLabels.metadata.annotations == ["note": "x"])
            #expect(Int64(afterLabels.metadata.resourceVersion!)! > Int64(created.metadata.resourceVersion!)!)
            var scaled = afterLabels
            scaled.spec.workers = 2
            let afterSpec = try await h.store.updateCluster(scaled)
            #expect(afterSpec.metadata.generation == 2)
            #expect(afterSpec.spec.workers == 2)
            #expect(Int64(afterSpec.metadata.resourceVersion!)! > Int64(afterLabels.metadata.resourceVersion!)!)
            // The same spec again: a new resourceVersion, the same generation.
            let again = try await h.store.updateCluster(afterSpec)
            #expect(again.metadata.generation == 2)
            #expect(again.metadata.resourceVersion != afterSpec.metadata.resourceVersion)
        },
        ConformanceCase("status writes never bump generation") { h in
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            var status = ClusterStatus()
            status.phase = .provisioning
            status.observedGeneration = 1
            let key = ClusterKey(namespace: "team-a", name: "c1")
            let updated = try await h.store.updateClusterStatus(key, status: status, resourceVersion: created.metadata.resourceVersion, fence: nil)
            #expect(updated.metadata.generation == 1)
            #expect(updated.status?.phase == .provisioning)
            #expect(updated.metadata.resourceVersion != created.metadata.resourceVersion)
            #expect(updated.spec == created.spec)
            #expect(try await h.store.getCluster(key) == updated)
        },
        ConformanceCase("a stale resourceVersion is a typed conflict") { h in
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            var first = created
            first.spec.workers = 1
            let winner = try await h.store.updateCluster(first)
            var second = created
            second.spec.workers = 3
            await expectStoreError({ try await h.store.updateCluster(second) }) {
                $0 == .conflict(kind: "Cluster", name: "team-a/c1", expectedVersion: created.metadata.resourceVersion!,
                                actual: winner.metadata.resourceVersion!)
            }
            let key = ClusterKey(namespace: "team-a", name: "c1")
            await expectStoreError({
                try await h.store.updateClusterStatus(key, status: ClusterStatus(), resourceVersion: created.metadata.resourceVersion, fence: nil)
            }) { if case .conflict = $0 { true } else { false } }
            await expectStoreError({ try await h.store.updateCluster(cluster("missing")) }) { $0 == .notFound(kind: "Cluster", name: "team-a/missing") }
        },
        ConformanceCase("concurrent updates from one resourceVersion have exactly one winner") { h in
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            let contenders = 8
            let outcomes = try await withThrowingTaskGroup(of: Result<Cluster, StoreError>.self) { group in
                for index in 0..<contenders {
                    group.addTask {
                        var edit = created
                        edit.spec.workers = index + 1
                        do { return .success(try await h.store.updateCluster(edit)) } catch let error as StoreError { return .failure(error) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = outcomes.compactMap { try? $0.get() }
            #expect(winners.count == 1)
            let conflicts = outcomes.filter { if case .failure(.conflict) = $0 { true } else { false } }
            #expect(conflicts.count == contenders - 1)
            let stored = try await h.store.getCluster(ClusterKey(namespace: "team-a", name: "c1"))
            #expect(stored == winners.first)
            #expect(stored.metadata.generation == 2)
        },
        ConformanceCase("resourceVersion is one global, increasing revision") { h in
            var versions: [Int64] = []
            for index in 0..<4 {
                let created = try await h.store.createCluster(cluster("c\(index)", namespace: "team-\(index % 2)"), now: h.now)
                versions.append(Int64(created.metadata.resourceVersion!)!)
                let updated = try await h.store.updateClusterStatus(ClusterKey(namespace: "team-\(index % 2)", name: "c\(index)"),
                                                                    status: ClusterStatus(), resourceVersion: nil, fence: nil)
                versions.append(Int64(updated.metadata.resourceVersion!)!)
            }
            #expect(versions == versions.sorted())
            #expect(Set(versions).count == versions.count)
            #expect(try await h.store.currentRevision() == versions.last)
        },
    ]
}
