import Foundation

/// A FIFO lock held across `await`s: an actor alone would let a second caller interleave with a
/// transaction on the same connection at every suspension point.
public final class AsyncMutex: @unchecked Sendable {
    private let lock = NSLock()
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Creates an unlocked mutex.
    public init() {}

    /// Runs `body` while holding the lock; callers queue in arrival order.
    public func withLock<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if tryAcquire(orEnqueue: nil) { return }
        // Cancellation is not honoured while waiting: the holder always finishes quickly and
        // abandoning a place in the queue would complicate hand-over for no gain.
        await withCheckedContinuation { continuation in
            if tryAcquire(orEnqueue: continuation) { continuation.resume() }
        }
    }

    private func tryAcquire(orEnqueue continuation: CheckedContinuation<Void, Never>?) -> Bool {
        lock.withLock {
            if !locked {
                locked = true
                return true
            }
            if let continuation { waiters.append(continuation) }
            return false
        }
    }

    private func release() {
        lock.lock()
        if waiters.isEmpty {
            locked = false
            lock.unlock()
        } else {
            // Hand the lock straight to the next waiter; `locked` stays true.
            let next = waiters.removeFirst()
            lock.unlock()
            next.resume()
        }
    }
}
