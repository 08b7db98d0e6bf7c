import Foundation

/// Wakes watchers when cluster changes may have committed. A counter, not a queue: a watcher that
/// notes the count before reading the change log and waits for a larger one never misses a wake-up.
final class ChangeSignal: @unchecked Sendable {
    /// When set, watchers also look at the change log this often: for SQLite, where another process
    /// (a second controller, a test driver) can commit changes this process is never signalled about.
    let pollInterval: Duration?
    private let lock = NSLock()
    private var count: UInt64 = 0
    private var nextWaiter: UInt64 = 0
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]

    init(pollInterval: Duration? = nil) {
        self.pollInterval = pollInterval
    }

    /// How many signals so far.
    var current: UInt64 {
        lock.withLock { count }
    }

    func signal() {
        lock.lock()
        count += 1
        let woken = waiters
        waiters = [:]
        lock.unlock()
        for continuation in woken.values { continuation.resume() }
    }

    /// Returns once the count exceeds `seen`, the poll interval passes, or the task is cancelled.
    func wait(after seen: UInt64) async {
        guard let pollInterval else { return await waitForSignal(after: seen) }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForSignal(after: seen) }
            group.addTask { try? await Task.sleep(for: pollInterval) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForSignal(after seen: UInt64) async {
        let id = lock.withLock {
            defer { nextWaiter += 1 }
            return nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.lock()
                if count > seen || Task.isCancelled {
                    lock.unlock()
                    continuation.resume()
                } else {
                    waiters[id] = continuation
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            let continuation = waiters.removeValue(forKey: id)
            lock.unlock()
            continuation?.resume()
        }
    }
}
