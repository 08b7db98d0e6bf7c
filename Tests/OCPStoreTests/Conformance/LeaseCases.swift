import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let leases: [ConformanceCase] = [
        ConformanceCase("leases: acquire, held, renew, release, new epoch for a new holder") { h in
            #expect(try await h.store.getLease("shard-0") == nil)
            let first = try await h.store.acquireLease("shard-0", holder: "a", duration: 30, now: h.now)
            #expect(first.epoch == 1)
            #expect(first.expiresAt == h.now.adding(seconds: 30))
            await expectStoreError({ try await h.store.acquireLease("shard-0", holder: "b", duration: 30, now: h.now.adding(seconds: 10)) }) {
                $0 == .leaseHeld(lease: "shard-0", holder: "a", expiresAt: h.now.adding(seconds: 30))
            }
            // Re-acquiring one's own lease keeps the epoch.
            #expect(try await h.store.acquireLease("shard-0", holder: "a", duration: 30, now: h.now.adding(seconds: 5)).epoch == 1)
            let renewed = try await h.store.renewLease(first.fence!, duration: 30, now: h.now.adding(seconds: 20))
            #expect(renewed.expiresAt == h.now.adding(seconds: 50))
            #expect(renewed.epoch == 1)
            try await h.store.releaseLease(renewed.fence!, now: h.now.adding(seconds: 21))
            #expect(try await h.store.getLease("shard-0")?.holder == nil)
            let second = try await h.store.acquireLease("shard-0", holder: "b", duration: 30, now: h.now.adding(seconds: 22))
            #expect(second.epoch == 2)
            #expect(second.acquiredAt == h.now.adding(seconds: 22))
            await expectStoreError({ try await h.store.releaseLease(first.fence!, now: h.now.adding(seconds: 23)) }) {
                $0 == .staleFence(lease: "shard-0", epoch: 1, currentEpoch: 2, currentHolder: "b")
            }
        },
        ConformanceCase("lease takeover after expiry fences out the old holder's writes") { h in
            let created = try await h.store.createCluster(cluster("c1"), now: h.now)
            let key = ClusterKey(namespace: "team-a", name: "c1")
            let old = try await h.store.acquireLease("cluster/team-a/c1", holder: "replica-a", duration: 15, now: h.now)
            let oldFence = try #require(old.fence)
            let operation = try await h.store.startOperation(
                NewOperation(clusterUID: created.metadata.uid!, type: .create, generation: 1), now: h.now, fence: oldFence)
            _ = try await h.store.updateClusterStatus(key, status: ClusterStatus(), resourceVersion: nil, fence: oldFence)

            // replica-a stalls past its expiry; replica-b takes over.
            let takeover = h.now.adding(seconds: 16)
            let new = try await h.store.acquireLease("cluster/team-a/c1", holder: "replica-b", duration: 15, now: takeover)
            #expect(new.epoch == old.epoch + 1)
            let stale: (StoreError) -> Bool = { $0 == .staleFence(lease: "cluster/team-a/c1", epoch: old.epoch, currentEpoch: new.epoch,
                                                                    currentHolder: "replica-b") }
            var status = ClusterStatus()
            status.phase = .failed
            await expectStoreError({ try await h.store.updateClusterStatus(key, status: status, resourceVersion: nil, fence: oldFence) }, stale)
            await expectStoreError({
                try await h.store.heartbeatOperation(id: operation.operation.id, now: takeover, appendingLog: "late", fence: oldFence)
            }, stale)
            await expectStoreError({
                try await h.store.finishOperation(id: operation.operation.id, state: .failed, error: "x", appendingLog: nil, now: takeover,
                                                  fence: oldFence)
            }, stale)
            await expectStoreError({
                try await h.store.startOperation(NewOperation(clusterUID: created.metadata.uid!, type: .destroy, generation: 1),
                                                 now: takeover, fence: oldFence)
            }, stale)
            await expectStoreError({ try await h.store.removeFinalizer(key, finalizer: Cluster.finalizer, fence: oldFence, now: takeover) }, stale)
            await expectStoreError({ try await h.store.renewLease(oldFence, duration: 15, now: takeover) }, stale)
            await expectStoreError({ try await h.store.acquireLease("cluster/team-a/c1", holder: "replica-a", duration: 15, now: takeover) }) {
                if case .leaseHeld = $0 { true } else { false }
            }

            // Nothing of the old holder's late writes landed; the new holder's do.
            #expect(try await h.store.getCluster(key).status?.phase == nil)
            #expect(try await h.store.getOperation(id: operation.operation.id).log == "")
            let finished = try await h.store.finishOperation(id: operation.operation.id, state: .succeeded, error: nil, appendingLog: nil,
                                                             now: takeover, fence: new.fence)
            #expect(finished.operation.state == .succeeded)
            #expect(try await h.store.updateClusterStatus(key, status: status, resourceVersion: nil, fence: new.fence).status?.phase == .failed)
        },
        ConformanceCase("concurrent acquires of a free lease: exactly one holder") { h in
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        do {
                            _ = try await h.store.acquireLease("leader", holder: "r\(index)", duration: 30, now: h.now)
                            return true
                        } catch StoreError.leaseHeld { return false }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            #expect(try await h.store.getLease("leader")?.epoch == 1)
        },
    ]
}
