import Synchronization
import Testing
import OCPController

@Suite("Work queue: controller-runtime semantics on an injected clock")
struct WorkQueueTests {
    @Test("a key added many times while waiting is handed out once")
    func deduplicates() async {
        let queue = WorkQueue<String>(clock: ManualControllerClock())
        for _ in 0..<5 { queue.add("a") }
        queue.add("b")
        #expect(queue.depth == 2)
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
        #expect(queue.depth == 0)
    }

    @Test("a key being processed is not handed out again; re-added meanwhile, it runs again after done")
    func noConcurrentProcessing() async {
        let queue = WorkQueue<String>(clock: ManualControllerClock())
        queue.add("a")
        let first = await queue.get()
        #expect(first == "a")
        queue.add("a")
        #expect(queue.depth == 0, "a key in progress must not be queued a second time")
        queue.add("b")
        #expect(await queue.get() == "b")
        queue.done("a")
        #expect(queue.depth == 1)
        #expect(await queue.get() == "a")
        queue.done("a")
        queue.done("b")
        #expect(queue.depth == 0)
    }

    @Test("many workers never hold the same key at once")
    func exclusiveUnderConcurrency() async {
        final class Tally: Sendable {
            let holding = Mutex<Set<Int>>([])
            let overlaps = Mutex(0)
            let processed = Mutex(0)
        }
        let queue = WorkQueue<Int>(clock: ManualControllerClock())
        let tally = Tally()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    while let key = await queue.get() {
                        let clash = tally.holding.withLock { !$0.insert(key).inserted }
                        if clash { tally.overlaps.withLock { $0 += 1 } }
                        await Task.yield()
                        tally.holding.withLock { _ = $0.remove(key) }
                        tally.processed.withLock { $0 += 1 }
                        queue.done(key)
                    }
                }
            }
            for round in 0..<50 {
                for key in 0..<10 { queue.add(key) }
                if round % 10 == 0 { await Task.yield() }
            }
            while queue.depth > 0 { await Task.yield() }
            for _ in 0..<100 { await Task.yield() }
            queue.shutDown()
        }
        #expect(tally.overlaps.withLock { $0 } == 0)
        #expect(tally.processed.withLock { $0 } >= 10)
    }

    @Test("addAfter releases the key only when the clock passes its deadline")
    func delayed() async throws {
        let clock = ManualControllerClock()
        let queue = WorkQueue<String>(clock: clock)
        let timers = Task { await queue.runTimers() }
        defer { timers.cancel() }
        queue.addAfter("later", seconds: 30)
        queue.addAfter("sooner", seconds: 10)
        queue.addAfter("sooner", seconds: 20)  // keeps the earlier deadline
        #expect(queue.delayedCount == 2)
        try await waitUntil { clock.sleeperCount == 1 }
        // The timer sleeps until the earliest deadline exactly, so nothing can be released before it.
        #expect(clock.sleeperDeadlines == [clock.now() + 10])
        clock.advance(by: 9)
        #expect(clock.sleeperDeadlines == [clock.now() + 1], "still asleep: advancing 9 s woke nothing")
        #expect(queue.depth == 0)
        clock.advance(by: 1)
        try await waitUntil { queue.depth == 1 }
        #expect(await queue.get() == "sooner")
        #expect(queue.depth == 0)
        clock.advance(by: 20)
        #expect(await queue.get() == "later")
    }

    @Test("rate-limited adds back off exponentially per key, and forget resets it")
    func backoff() async throws {
        let clock = ManualControllerClock()
        let queue = WorkQueue<String>(clock: clock, rateLimiter: RateLimiterConfig(baseDelay: 1, maxDelay: 8, tokensPerSecond: 1000, burst: 1000))
        let timers = Task { await queue.runTimers() }
        defer { timers.cancel() }
        var waited: [Double] = []
        for _ in 0..<5 {
            queue.addRateLimited("k")
            let start = clock.now()
            try await waitUntil { clock.sleeperCount == 1 }
            while queue.depth == 0 {
                clock.advance(by: 0.5)
                await Task.yield()
                try await waitUntil { queue.depth > 0 || clock.sleeperCount == 1 }
            }
            waited.append(clock.now() - start)
            _ = await queue.get()
            queue.done("k")
        }
        #expect(waited == [1, 2, 4, 8, 8])
        #expect(queue.failures("k") == 5)
        queue.forget("k")
        #expect(queue.failures("k") == 0)
    }

    @Test("the token bucket limits retries overall")
    func tokenBucket() async {
        let clock = ManualControllerClock()
        let queue = WorkQueue<Int>(clock: clock, rateLimiter: RateLimiterConfig(baseDelay: 0, maxDelay: 0, tokensPerSecond: 2, burst: 2))
        for key in 0..<4 { queue.addRateLimited(key) }
        // Two tokens are there at once; the third and fourth wait 0.5 s and 1 s.
        #expect(queue.depth == 2)
        #expect(queue.delayedCount == 2)
    }

    @Test("shutDown wakes waiting workers with nil")
    func shutdown() async {
        let queue = WorkQueue<String>(clock: ManualControllerClock())
        async let waiting = queue.get()
        await Task.yield()
        queue.shutDown()
        #expect(await waiting == nil)
    }

    @Test("after shutDown queued keys are dropped, not drained, so a stop never waits for a backlog")
    func shutdownDropsBacklog() async {
        let queue = WorkQueue<Int>(clock: ManualControllerClock())
        for key in 0..<1_000 { queue.add(key) }
        #expect(await queue.get() == 0)
        queue.shutDown()
        #expect(await queue.get() == nil)
        // The key in flight still finishes normally.
        queue.done(0)
        #expect(await queue.get() == nil)
    }
}

/// Polls `condition` with yields (never sleeping), failing after many tries.
func waitUntil(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    for _ in 0..<100_000 {
        if condition() { return }
        await Task.yield()
    }
    Issue.record("condition never became true", sourceLocation: sourceLocation)
    throw CancellationError()
}
