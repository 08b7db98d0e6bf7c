public import Foundation

/// Writes log lines to standard error from a thread of its own, so logging never blocks the caller. A process
/// whose standard error is a pipe nobody reads (a stalled log shipper, a paused terminal, a parent that waits
/// before it reads) would otherwise block every thread that logs, the event loops and the task pool among
/// them: no request answered, not even `/healthz`, and SIGTERM unheard. When the buffer is full, lines are
/// dropped and counted, and the count is written once the reader catches up.
public final class LogWriter: @unchecked Sendable {
    /// The writer behind every handler of this process.
    public static let standardError = LogWriter(descriptor: STDERR_FILENO, capacity: 20_000)

    private let descriptor: Int32
    private let capacity: Int
    private let condition = NSCondition()
    private var pending: [Data] = []
    private var dropped = 0
    /// Lines taken from `pending` and not yet written.
    private var writing = 0

    init(descriptor: Int32, capacity: Int) {
        self.descriptor = descriptor
        self.capacity = capacity
        let thread = Thread { [self] in loop() }
        thread.name = "ocpctl-log-writer"
        thread.start()
    }

    /// Queues one line (with its newline); never waits.
    public func write(_ line: Data) {
        condition.lock()
        if pending.count >= capacity {
            dropped += 1
        } else {
            pending.append(line)
        }
        condition.signal()
        condition.unlock()
    }

    /// Waits up to `timeout` for every queued line to be written, so the last lines before exit are not lost.
    public func flush(timeout: TimeInterval = 1) {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        while !pending.isEmpty || writing > 0, condition.wait(until: deadline) {}
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while pending.isEmpty, dropped == 0 { condition.wait() }
            let batch = pending
            let lost = dropped
            pending.removeAll(keepingCapacity: true)
            dropped = 0
            writing = batch.count
            condition.unlock()
            var data = Data()
            if lost > 0 {
                data.append(Data("{\"level\":\"warning\",\"message\":\"log lines dropped: standard error was not read\",\"dropped\":\"\(lost)\"}\n".utf8))
            }
            for line in batch { data.append(line) }
            writeAll(data)
            condition.lock()
            writing = 0
            condition.broadcast()
            condition.unlock()
        }
    }

    private func writeAll(_ data: Data) {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Foundation.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // Standard error is gone: nothing left to tell.
                }
                pointer += written
                remaining -= written
            }
        }
    }
}
