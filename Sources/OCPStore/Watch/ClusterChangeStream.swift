/// The changes after a revision, in order, as an endless `AsyncSequence`; it ends when the consuming task is cancelled.
///
/// The iterator reads the change log itself and waits on a signal between reads, so no background task is needed.
public struct ClusterChangeStream: AsyncSequence, Sendable {
    public typealias Element = ClusterChange

    let start: Int64
    let signal: ChangeSignal
    let fetch: @Sendable (Int64) async throws -> [ClusterChange]

    public func makeAsyncIterator() -> Iterator {
        Iterator(last: start, signal: signal, fetch: fetch)
    }

    /// Reads batches from the change log, waiting for a signal when it has caught up.
    public struct Iterator: AsyncIteratorProtocol {
        var last: Int64
        let signal: ChangeSignal
        let fetch: @Sendable (Int64) async throws -> [ClusterChange]
        var buffer: [ClusterChange] = []
        var index = 0

        public mutating func next() async throws -> ClusterChange? {
            while true {
                if index < buffer.count {
                    let change = buffer[index]
                    index += 1
                    last = change.revision
                    return change
                }
                if Task.isCancelled { return nil }
                let seen = signal.current
                buffer = try await fetch(last)
                index = 0
                if buffer.isEmpty { await signal.wait(after: seen) }
            }
        }
    }
}
