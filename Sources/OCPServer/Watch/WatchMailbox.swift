import Foundation
import Hummingbird

/// One watcher's queue of encoded event lines. The hub delivers into it without waiting; the response takes
/// everything queued at once and writes it with one flush, so a watcher that fell behind catches up in a few
/// large writes rather than one write per event.
final class WatchMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [ByteBuffer] = []
    private var finished = false
    private var waiter: CheckedContinuation<Void, Never>?
    /// The most lines that may wait; one more and `deliver` refuses.
    let limit: Int

    /// A mailbox holding at most `limit` lines.
    init(limit: Int) {
        self.limit = limit
    }

    /// Queues `line`; false when the mailbox is full (the watcher is too slow) or finished.
    func deliver(_ line: ByteBuffer) -> Bool {
        let (accepted, waiter) = lock.withLock { () -> (Bool, CheckedContinuation<Void, Never>?) in
            guard !finished, pending.count < limit else { return (false, nil) }
            pending.append(line)
            defer { self.waiter = nil }
            return (true, self.waiter)
        }
        waiter?.resume()
        return accepted
    }

    /// Ends the mailbox: what is queued is still taken, then `takeAll` returns nil.
    func finish() {
        let waiter = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            finished = true
            defer { self.waiter = nil }
            return self.waiter
        }
        waiter?.resume()
    }

    /// Every queued line, waiting while there is none; nil once finished and empty, or when the task is cancelled.
    func takeAll() async -> [ByteBuffer]? {
        while true {
            let taken = lock.withLock { () -> [ByteBuffer]?? in
                if !pending.isEmpty {
                    defer { pending.removeAll(keepingCapacity: true) }
                    return .some(pending)
                }
                return finished ? .some(nil) : .none
            }
            if let taken { return taken }
            if Task.isCancelled { return nil }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = lock.withLock { () -> Bool in
                        if !pending.isEmpty || finished || Task.isCancelled { return true }
                        waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                let waiter = lock.withLock { () -> CheckedContinuation<Void, Never>? in
                    defer { self.waiter = nil }
                    return self.waiter
                }
                waiter?.resume()
            }
        }
    }
}
