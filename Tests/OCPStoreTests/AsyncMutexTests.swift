import OCPConcurrency
import Synchronization
import Testing

/// The lock behind the SQLite writer and the simulated account: FIFO, and a waiter that is cancelled leaves the queue.
@Suite("AsyncMutex")
struct AsyncMutexTests {
    @Test("a cancelled waiter leaves the queue at once; the others keep their order and the lock still works")
    func cancelledWaiter() async throws {
        let mutex = AsyncMutex()
        let order = Order()
        let (held, holding) = AsyncStream<Void>.makeStream()
        let (release, releasing) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await mutex.withLock {
                holding.yield()
                for await _ in release { break }
                order.append("holder")
            }
        }
        for await _ in held { break }
        let cancelled = Task { try await mutex.withLock { order.append("cancelled") } }
        let patient = Task { try await mutex.withLock { order.append("patient") } }
        try await Task.sleep(for: .milliseconds(50))
        cancelled.cancel()
        // The cancelled waiter returns while the lock is still held: it did not wait its turn. (Should it wait,
        // the holder lets go after 5 s, so a regression fails here instead of hanging.)
        let start = ContinuousClock.now
        let deadline = Task {
            try await Task.sleep(for: .seconds(5))
            releasing.yield()
        }
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(ContinuousClock.now - start < .seconds(5))
        deadline.cancel()
        releasing.yield()
        try await holder.value
        try await patient.value
        try await mutex.withLock { order.append("after") }
        #expect(order.names == ["holder", "patient", "after"])
    }
}

/// Who held the lock, in order.
final class Order: Sendable {
    private let state = Mutex<[String]>([])
    var names: [String] { state.withLock { $0 } }
    func append(_ name: String) { state.withLock { $0.append(name) } }
}
