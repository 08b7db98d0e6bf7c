import Foundation
@testable import OCPController
import OCPModel
import OCPStore
import ServiceLifecycle
import Synchronization
import Testing

/// One replica runs the singletons; a dead leader's lease lapses and another takes over with a new epoch.
@Suite("Leader election for singleton services")
struct LeaderElectionTests {
    @Test("one leader at a time; the follower takes over once the leader's lease lapses, with a higher epoch", arguments: Backend.all)
    func takeover(backend: Backend) async throws {
        let clock = ManualControllerClock()
        try await SQLStore.withStore(at: try await backend.freshLocation(), now: Timestamp(secondsSinceEpoch: Int64(clock.now())),
                                     logger: Harness.quietLogger) { store in
            let a = LeaderElection(store: store, clock: clock, replicaID: "a", leaseSeconds: 6, logger: Harness.quietLogger)
            let b = LeaderElection(store: store, clock: clock, replicaID: "b", leaseSeconds: 6, logger: Harness.quietLogger)
            #expect(!a.hasDecided && !a.isLeader, "undecided until the first attempt")
            await a.attempt("a")
            await b.attempt("b")
            #expect(a.isLeader && !b.isLeader)
            let first = try #require(a.fence)
            // a renews within its lease: b still follows.
            clock.advance(by: 4)
            await a.attempt("a")
            await b.attempt("b")
            #expect(a.isLeader && !b.isLeader)
            // a dies (renews no more): once its lease lapses, b leads with a new epoch, and a, back, follows.
            clock.advance(by: 7)
            await b.attempt("b")
            await a.attempt("a")
            #expect(b.isLeader && !a.isLeader)
            #expect(try #require(b.fence).epoch > first.epoch)
            // A write fenced with a's old epoch is refused.
            await #expect(throws: StoreError.self) { _ = try await store.renewLease(first, duration: 6, now: Timestamp(secondsSinceEpoch: Int64(clock.now()))) }
        }
    }

    @Test("alone, a process leads without a lease")
    func alone() async throws {
        try await SQLStore.withStore(at: try await Backend.sqlite.freshLocation(), now: Timestamp(secondsSinceEpoch: 0), logger: Harness.quietLogger) { store in
            let election = LeaderElection(store: store, clock: ManualControllerClock(), replicaID: nil, leaseSeconds: 6)
            #expect(election.isLeader && election.hasDecided && election.fence == nil)
            let lease = try await store.getLease(LeaderElection.leaseName)
            #expect(lease == nil)
        }
    }

    @Test("LeaderOnly runs its service while leading, cancels it when leadership is lost, and runs it again when won back")
    func leaderOnly() async throws {
        let clock = ManualControllerClock()
        try await SQLStore.withStore(at: try await Backend.sqlite.freshLocation(), now: Timestamp(secondsSinceEpoch: Int64(clock.now())),
                                     logger: Harness.quietLogger) { store in
            let mine = LeaderElection(store: store, clock: clock, replicaID: "mine", leaseSeconds: 6, logger: Harness.quietLogger)
            let other = LeaderElection(store: store, clock: clock, replicaID: "other", leaseSeconds: 6, logger: Harness.quietLogger)
            let probe = RunProbe()
            let wrapped = LeaderOnly(probe, election: mine, clock: clock, pollSeconds: 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await wrapped.run() }
                defer { group.cancelAll() }
                try await within { clock.sleeperCount >= 1 }
                #expect(probe.starts == 0, "not leading: not running")
                await mine.attempt("mine")
                try await within(advancing: clock) { probe.running }
                // Leadership lapses to another replica: the service is cancelled at the next poll.
                clock.advance(by: 7)
                await other.attempt("other")
                await mine.attempt("mine")
                #expect(!mine.isLeader)
                try await within(advancing: clock) { !probe.running }
                // The other replica dies in turn: leadership and the service come back.
                clock.advance(by: 7)
                await mine.attempt("mine")
                #expect(mine.isLeader)
                try await within(advancing: clock) { probe.running }
                #expect(probe.starts == 2)
            }
        }
    }
}

/// Polls `condition` in real time for up to 10 s: the wrapped service runs on real tasks, which a loaded machine
/// may schedule late, so a count of yields is not enough.
func within(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("condition never became true", sourceLocation: sourceLocation)
    throw CancellationError()
}

/// Like `within`, but moves the manual clock on by a tenth of a poll each time, since the wrapper's next poll is
/// scheduled by a task that may only get to run after the test has looked.
func within(advancing clock: ManualControllerClock, _ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if condition() { return }
        clock.advance(by: 0.1)
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("condition never became true", sourceLocation: sourceLocation)
    throw CancellationError()
}

/// A service that runs until cancelled and counts its starts.
final class RunProbe: Service, Sendable {
    private let state = Mutex((starts: 0, running: false))
    var starts: Int { state.withLock { $0.starts } }
    var running: Bool { state.withLock { $0.running } }

    func run() async throws {
        state.withLock { $0.starts += 1; $0.running = true }
        defer { state.withLock { $0.running = false } }
        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
    }
}
