import Foundation

/// A FIFO lock held across `await`s: an actor alone would let a second caller interleave with a
/// transaction on the same connection at every suspension point.
public final class AsyncMutex: @unchecked Sendable {
    private let lock = NSLock()
    private var locked = false
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID: UInt64 = 0

    /// Creates an unlocked mutex.
    public init() {}

    /// Runs `body` while holding the lock; callers queue in arrival order. A caller cancelled while it waits leaves
    /// the queue with `CancellationError`: after a burst, a stopping process must not first work through every
    /// request still queued here.
    public func withLock<T>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Outcome { case acquired, cancelled, queued }
                let outcome: Outcome = lock.withLock {
                    if !locked {
                        locked = true
                        return .acquired
                    }
                    // Cancelled before it could queue: the cancellation handler found nothing to remove.
                    if Task.isCancelled { return .cancelled }
                    waiters.append((id, continuation))
                    return .queued
                }
                switch outcome {
                case .acquired: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued: break
                }
            }
        } onCancel: {
            // Still queued: leave the queue. Already handed the lock: keep it; `withLock` releases it.
            let abandoned = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return waiters.remove(at: index).continuation
            }
            abandoned?.resume(throwing: CancellationError())
        }
    }

    private func release() {
        lock.lock()
        if waiters.isEmpty {
            locked = false
            lock.unlock()
        } else {
            // Hand the lock straight to the next waiter; `locked` stays true.
            let next = waiters.removeFirst().continuation
            lock.unlock()
            next.resume()
        }
    }
}
