import Synchronization

/// A work queue with controller-runtime semantics.
///
/// - A key waiting in the queue is there once, however often it is added.
/// - A key being processed is never handed to a second worker; if it is added meanwhile, it runs again after `done`.
/// - `addAfter` delays a key on the injected clock; `addRateLimited` delays it by per-key backoff and a token bucket.
///
/// Delayed keys are released by `runTimers()`, which the owning service runs.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    private struct State {
        var queue: [Key] = []
        var head = 0
        var dirty: Set<Key> = []
        var processing: Set<Key> = []
        var waiters: [(id: Int, continuation: CheckedContinuation<Key?, Never>)] = []
        var nextWaiterID = 0
        var timers = DeadlineHeap<Key>()
        var timerGeneration = 0
        var timerWaiter: CheckedContinuation<Void, Never>?
        var limiter: RateLimiter<Key>
        var shuttingDown = false

        var depth: Int { queue.count - head }

        mutating func popQueued() -> Key? {
            guard head < queue.count else { return nil }
            let key = queue[head]
            head += 1
            if head > 1024, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            return key
        }

        /// Hands `key` to a waiting worker if there is one; otherwise queues it.
        /// Marks `key` waiting and queues it, unless it already waits; returns the worker to hand it to, if one waits.
        mutating func admit(_ key: Key) -> (CheckedContinuation<Key?, Never>, Key)? {
            guard !shuttingDown, !dirty.contains(key) else { return nil }
            dirty.insert(key)
            guard !processing.contains(key) else { return nil }
            return enqueue(key)
        }

        mutating func enqueue(_ key: Key) -> (CheckedContinuation<Key?, Never>, Key)? {
            if !waiters.isEmpty {
                let waiter = waiters.removeFirst()
                dirty.remove(key)
                processing.insert(key)
                return (waiter.continuation, key)
            }
            queue.append(key)
            return nil
        }

        mutating func timersChanged() -> CheckedContinuation<Void, Never>? {
            timerGeneration += 1
            defer { timerWaiter = nil }
            return timerWaiter
        }
    }

    private let state: Mutex<State>
    private let clock: any ControllerClock

    /// Creates a queue whose delays run on `clock`.
    public init(clock: any ControllerClock, rateLimiter: RateLimiterConfig = RateLimiterConfig()) {
        self.clock = clock
        state = Mutex(State(limiter: RateLimiter(config: rateLimiter)))
    }

    /// Keys waiting to be processed (not counting delayed ones).
    public var depth: Int { state.withLock { $0.depth } }

    /// Keys being processed right now.
    public var inFlight: Int { state.withLock { $0.processing.count } }

    /// Keys waiting for their delay to pass.
    public var delayedCount: Int { state.withLock { $0.timers.count } }

    /// When the earliest delayed key is due (seconds since the epoch), or nil when none waits.
    public var earliestDeadline: Double? { state.withLock { $0.timers.earliest } }

    /// True while a delayed key's time has come but it is not queued yet: the queue is not idle even at depth 0.
    public var hasDueTimers: Bool {
        let now = clock.now()
        return state.withLock { state in state.timers.earliest.map { $0 <= now } ?? false }
    }

    /// Queues `key` unless it is already waiting.
    public func add(_ key: Key) {
        let handoff = state.withLock { $0.admit(key) }
        if let (continuation, key) = handoff { continuation.resume(returning: key) }
    }

    /// Queues `key` once `seconds` have passed on the clock.
    public func addAfter(_ key: Key, seconds: Double) {
        add(key, at: clock.now() + seconds)
    }

    /// Queues `key` when the clock reaches `deadline` (seconds since the epoch); at once if it has.
    public func add(_ key: Key, at deadline: Double) {
        guard deadline > clock.now() else {
            add(key)
            return
        }
        let wake = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.shuttingDown, state.timers.schedule(key, at: deadline) else { return nil }
            return state.timersChanged()
        }
        wake?.resume()
    }

    /// Queues `key` after its backoff: one more failure for it, and one token from the bucket.
    public func addRateLimited(_ key: Key) {
        let delay = state.withLock { $0.limiter.when(key, now: clock.now()) }
        addAfter(key, seconds: delay)
    }

    /// Clears `key`'s backoff after a successful reconcile.
    public func forget(_ key: Key) {
        state.withLock { $0.limiter.forget(key) }
    }

    /// Consecutive failures recorded for `key`.
    public func failures(_ key: Key) -> Int {
        state.withLock { $0.limiter.failureCount(key) }
    }

    /// The next key to process; waits for one. Returns nil once the queue shuts down or the task is cancelled.
    public func get() async -> Key? {
        let id = state.withLock { state -> Int in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                let immediate = state.withLock { state -> Key?? in
                    // Once shut down, queued keys are dropped rather than drained, as nothing is lost: a
                    // level-triggered controller lists every cluster again when it starts.
                    if state.shuttingDown { return .some(nil) }
                    if let key = state.popQueued() {
                        state.dirty.remove(key)
                        state.processing.insert(key)
                        return .some(key)
                    }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters.append((id, continuation))
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Key?, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Marks `key` processed; if it was added meanwhile, it is queued again.
    public func done(_ key: Key) {
        let handoff = state.withLock { state -> (CheckedContinuation<Key?, Never>, Key)? in
            state.processing.remove(key)
            guard state.dirty.contains(key), !state.shuttingDown else { return nil }
            return state.enqueue(key)
        }
        if let (continuation, key) = handoff { continuation.resume(returning: key) }
    }

    /// True once `shutDown` was called.
    public var isShutDown: Bool { state.withLock { $0.shuttingDown } }

    /// Stops handing out keys: waiting workers get nil, and so does every later `get`, whatever is queued.
    public func shutDown() {
        let (waiters, timerWaiter) = state.withLock { state in
            state.shuttingDown = true
            defer { state.waiters = [] }
            return (state.waiters.map(\.continuation), state.timersChanged())
        }
        for waiter in waiters { waiter.resume(returning: nil) }
        timerWaiter?.resume()
    }

    /// Releases delayed keys when their time comes; runs until cancelled or shut down.
    public func runTimers() async {
        while !Task.isCancelled {
            let now = clock.now()
            // Due keys are popped and queued under one lock, so no one sees a key that is neither delayed nor queued.
            let (handoffs, anyDue, earliest, generation, stop) = state.withLock { state in
                let due = state.timers.popDue(now: now)
                return (due.compactMap { state.admit($0) }, !due.isEmpty, state.timers.earliest, state.timerGeneration, state.shuttingDown)
            }
            for (continuation, key) in handoffs { continuation.resume(returning: key) }
            if stop { return }
            if anyDue { continue }
            await withTaskGroup(of: Void.self) { group in
                let clock = self.clock
                group.addTask { try? await clock.sleep(until: earliest ?? clock.now() + 86_400) }
                group.addTask { await self.waitForTimerChange(since: generation) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func waitForTimerChange(since generation: Int) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.timerGeneration != generation || state.shuttingDown || Task.isCancelled { return true }
                    state.timerWaiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.timerWaiter = nil }
                return state.timerWaiter
            }
            waiter?.resume()
        }
    }
}
