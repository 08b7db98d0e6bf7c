import Foundation
import Logging
import ServiceLifecycle

/// One change stream fanned out to every watcher in the process: it reads its upstream once, keeps the last
/// `capacity` events for watchers resuming from a resourceVersion, and hands each event to each watcher whose
/// filter it passes. A watcher too slow to keep `watcherBuffer` events queued is ended with 410 Expired, as
/// kube-apiserver ends one, rather than slowing the rest.
final class WatchHub<Upstream: WatchUpstream>: Service, @unchecked Sendable {
    typealias Object = Upstream.Object

    let upstream: Upstream
    let capacity: Int
    let watcherBuffer: Int
    let logger: Logger
    private let lock = NSLock()
    private var state = State()

    private struct State {
        var running = false
        /// Events after this revision are all in `events` (or none happened).
        var floor: Int64 = 0
        var revision: Int64 = 0
        var events: [WatchEvent<Object>] = []
        /// Index of the oldest event in `events`, a ring once it holds `capacity`.
        var head = 0
        var objects: [String: Object] = [:]
        var watchers: [UInt64: Watcher] = [:]
        var nextID: UInt64 = 0
    }

    struct Watcher {
        let filter: WatchFilter
        let continuation: AsyncStream<[UInt8]>.Continuation
        let expired: ExpiryFlag
    }

    /// `capacity` events are kept for resuming watchers; a watcher may fall `watcherBuffer` events behind.
    init(upstream: Upstream, capacity: Int = 10_000, watcherBuffer: Int = 1_000, logger: Logger) {
        self.upstream = upstream
        self.capacity = capacity
        self.watcherBuffer = watcherBuffer
        self.logger = logger
    }

    /// Reads the upstream until graceful shutdown, then ends every watch so the HTTP server can drain.
    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let (objects, revision) = try await self.upstream.snapshot()
                    self.start(objects: objects, revision: revision)
                    try await self.upstream.changes(after: revision, objects: objects) { self.publish($0) }
                    // The stream ended without being cancelled: watchers may have missed changes, so they list again.
                    if !Task.isCancelled { self.stop(expire: true) }
                } catch is CancellationError {
                    return
                } catch {
                    // The stream broke (the store failed, or compacted past us): watchers must list again.
                    self.logger.warning("watch stream restarting", metadata: ["error": "\(error)"])
                    self.stop(expire: true)
                    try await Task.sleep(for: .seconds(1))
                }
            }
        }
        stop(expire: false)
    }

    /// The latest revision the hub has seen.
    var revision: Int64 { lock.withLock { state.revision } }

    /// A watch after `revision` (nil: the current objects as ADDED first, then every change). Throws 410 when
    /// the hub no longer holds the changes after `revision`, and 503 while it is not running.
    func subscribe(after revision: Int64?, filter: WatchFilter) throws(APIError) -> Subscription {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingOldest(watcherBuffer))
        let expired = ExpiryFlag()
        let result: Result<(UInt64, [WatchEvent<Object>]), APIError> = lock.withLock {
            guard state.running else { return .failure(APIError(.serviceUnavailable, "watch is starting; retry shortly")) }
            var replay: [WatchEvent<Object>]
            if let revision, upstream.resumable {
                guard revision >= state.floor else {
                    return .failure(APIError(.expired, "too old resource version: \(revision) (\(state.floor))"))
                }
                replay = orderedEvents().filter { $0.revision > revision && filter.matches($0.object.metadata) }
            } else if revision == nil {
                replay = state.objects.values.filter { filter.matches($0.metadata) }
                    .sorted { ($0.metadata.namespace ?? "", $0.metadata.name) < ($1.metadata.namespace ?? "", $1.metadata.name) }
                    .map { WatchEvent(type: .added, revision: state.revision, object: $0) }
            } else {
                replay = []
            }
            let id = state.nextID
            state.nextID += 1
            state.watchers[id] = Watcher(filter: filter, continuation: continuation, expired: expired)
            return .success((id, replay))
        }
        let (id, replay) = try result.get()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return Subscription(id: id, replay: replay.map(\.line), events: stream, expired: expired)
    }

    /// What a watcher receives: first `replay`, then `events` (each an encoded event line) until the hub ends it.
    struct Subscription: Sendable {
        let id: UInt64
        let replay: [[UInt8]]
        let events: AsyncStream<[UInt8]>
        /// Set when the hub ended the watch because it fell behind or the stream broke.
        let expired: ExpiryFlag
    }

    private func start(objects: [Object], revision: Int64) {
        lock.withLock {
            state.objects = Dictionary(objects.map { ($0.metadata.uid ?? "\($0.metadata.namespace ?? "")/\($0.metadata.name)", $0) },
                                       uniquingKeysWith: { _, last in last })
            state.floor = revision
            state.revision = revision
            state.events = []
            state.head = 0
            state.running = true
        }
    }

    private func publish(_ event: WatchEvent<Object>) {
        let dropped: [Watcher] = lock.withLock {
            let key = event.object.metadata.uid ?? "\(event.object.metadata.namespace ?? "")/\(event.object.metadata.name)"
            state.objects[key] = event.type == .deleted ? nil : event.object
            state.revision = event.revision
            if state.events.count < capacity {
                state.events.append(event)
            } else {
                state.floor = state.events[state.head].revision
                state.events[state.head] = event
                state.head = (state.head + 1) % capacity
            }
            var dropped: [Watcher] = []
            for (id, watcher) in state.watchers where watcher.filter.matches(event.object.metadata) {
                if case .dropped = watcher.continuation.yield(event.line) {
                    dropped.append(watcher)
                    state.watchers[id] = nil
                }
            }
            return dropped
        }
        for watcher in dropped {
            watcher.expired.set()
            watcher.continuation.finish()
        }
    }

    private func stop(expire: Bool) {
        let watchers = lock.withLock {
            state.running = false
            defer { state.watchers = [:] }
            return Array(state.watchers.values)
        }
        for watcher in watchers {
            if expire { watcher.expired.set() }
            watcher.continuation.finish()
        }
    }

    /// Queues a BOOKMARK at the hub's revision behind every event already queued for watcher `id`, so a client
    /// resuming after it misses nothing.
    func bookmark(_ id: UInt64, kind: String) {
        lock.withLock {
            guard let watcher = state.watchers[id] else { return }
            _ = watcher.continuation.yield(WatchEvent<Object>.line(type: .bookmark, object: BookmarkObject(kind: kind, revision: state.revision)))
        }
    }

    /// Ends watcher `id` after what is queued for it: its timeout.
    func end(_ id: UInt64) {
        let watcher = lock.withLock { state.watchers.removeValue(forKey: id) }
        watcher?.continuation.finish()
    }

    private func remove(_ id: UInt64) {
        _ = lock.withLock { state.watchers.removeValue(forKey: id) }
    }

    /// The kept events oldest first; call with the lock held.
    private func orderedEvents() -> [WatchEvent<Object>] {
        Array(state.events[state.head...] + state.events[..<state.head])
    }
}

/// Set once by the hub when it ends a watch the client must restart from a fresh list.
final class ExpiryFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
