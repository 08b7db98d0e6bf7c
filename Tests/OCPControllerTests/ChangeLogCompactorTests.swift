import OCPController
import OCPModel
import OCPStore
import Testing

/// The first change a watch from `revision` yields, or the error it throws.
func firstChange(_ store: SQLStore, after revision: Int64) async -> Result<ClusterChange?, any Error> {
    var iterator = store.watchClusters(after: revision).makeAsyncIterator()
    do { return .success(try await iterator.next()) } catch { return .failure(error) }
}

@Suite("Change log compaction")
struct ChangeLogCompactorTests {
    @Test("each round drops the changes up to what the round before saw; watches from there still work", arguments: Backend.all)
    func rounds(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation(), controllerRunning: false) { h in
            let compactor = ChangeLogCompactor(store: h.store, clock: h.clock, interval: 300, logger: Harness.quietLogger)
            try await h.apply("c1")
            try await h.apply("c2")
            let first = try await compactor.compact(through: nil)
            if case let .failure(error) = await firstChange(h.store, after: 0) { Issue.record("nothing compacted yet, got \(error)") }

            let c3 = try await h.apply("c3")
            let second = try await compactor.compact(through: first)
            #expect(second == Int64(c3.metadata.resourceVersion ?? ""))
            guard case let .failure(error) = await firstChange(h.store, after: 0) else {
                Issue.record("a watch from before the first round must be told to list again")
                return
            }
            #expect(error as? StoreError == .compacted(requested: 0, oldest: first))
            let change = try await firstChange(h.store, after: first).get()
            #expect(change?.key == ClusterKey(namespace: "team-a", name: "c3"))
            #expect(try await h.store.currentRevision() == second)
        }
    }

    @Test("the service compacts on its interval, and the controller keeps converging across compactions", arguments: Backend.all)
    func onTheClock(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation(), cloud: .instant) { h in
            let compactor = ChangeLogCompactor(store: h.store, clock: h.clock, interval: 60, logger: Harness.quietLogger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await compactor.run() }
                defer { group.cancelAll() }
                try await h.apply("before")
                try await h.advance(until: "the change log is compacted past the first cluster") {
                    if case .failure = await firstChange(h.store, after: 0) { return true }
                    return false
                }
                try await h.apply("after")
                try await h.advance(until: "the cluster created after compaction is Ready") {
                    try await h.cluster("after")?.isReady == true
                }
            }
        }
    }
}
