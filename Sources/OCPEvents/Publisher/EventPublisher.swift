import Foundation
public import Logging
import Metrics
public import OCPController
import OCPModel
public import OCPStore
public import ServiceLifecycle

/// Sends the outbox to the sinks, oldest first, and marks events sent only once every sink acknowledged them.
/// A singleton under the leader lease: a new leader resends what the old one had not marked, so nothing is lost;
/// its marks carry the lease's fence, so a deposed leader marks nothing. A graceful shutdown ends it at once: what it
/// had not marked is sent again by the next leader.
public struct EventPublisher: Service {
    let store: any ControlPlaneStore
    let sinks: [any EventSink]
    let platformOf: @Sendable (String) -> String?
    let settings: EventSettings
    let clock: any ControllerClock
    let fence: SingletonFence
    let logger: Logger
    let metrics = EventMetrics()

    /// Creates a publisher; `platformOf` maps a profile name to its platform.
    public init(store: any ControlPlaneStore, sinks: [any EventSink], platformOf: @escaping @Sendable (String) -> String?,
                settings: EventSettings, clock: any ControllerClock, fence: SingletonFence = .alone, logger: Logger) {
        self.store = store
        self.sinks = sinks
        self.platformOf = platformOf
        self.settings = settings
        self.clock = clock
        self.fence = fence
        self.logger = logger
    }

    public func run() async throws {
        var delay = settings.retryMinimumSeconds
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let sent = try await cancelWhenGracefulShutdown { try await publishOnce() }
                delay = settings.retryMinimumSeconds
                if sent == 0 { try await cancelWhenGracefulShutdown { try await clock.sleep(until: clock.now() + settings.pollSeconds) } }
            } catch {
                if error is CancellationError || Task.isShuttingDownGracefully || Task.isCancelled { return }
                logger.warning("event delivery failed; retrying", metadata: ["error": "\(error)", "retryInSeconds": "\(delay)"])
                let wait = delay
                try? await cancelWhenGracefulShutdown { try await clock.sleep(until: clock.now() + wait) }
                delay = min(delay * 2, settings.retryMaximumSeconds)
            }
        }
    }

    /// Sends one batch; returns how many events were marked sent. Throws when a sink failed before acknowledging all.
    func publishOnce() async throws -> Int {
        let backlog = try await store.eventBacklog()
        metrics.backlog(backlog, nowMillis: Int64(clock.now() * 1000))
        let pending = try await store.pendingEvents(limit: settings.batchSize)
        guard !pending.isEmpty else { return 0 }
        let events = pending.map { $0.event(platform: platformOf($0.spec.profile) ?? "") }
        var acknowledged = events.count
        var failure: (any Error)?
        for sink in sinks {
            do {
                let count = try await sink.deliver(Array(events.prefix(acknowledged)))
                metrics.delivered(count, sink: sink.name)
                if count < acknowledged { failure = EventDeliveryError(sink: sink.name, message: "acknowledged \(count) of \(acknowledged)") }
                acknowledged = min(acknowledged, count)
            } catch {
                metrics.failed(sink: sink.name)
                acknowledged = 0
                failure = error
            }
            if acknowledged == 0 { break }
        }
        let nowMillis = Int64(clock.now() * 1000)
        let ids = pending.prefix(acknowledged).map(\.id)
        // Sent rows stay a day for inspection, then go.
        try await store.markEventsSent(ids, atMillis: nowMillis, purgeBeforeMillis: nowMillis - 86_400_000, fence: try fence.fence())
        if let failure { throw failure }
        return ids.count
    }
}

/// The publisher's metrics: the backlog and its age, deliveries and failures per sink.
struct EventMetrics: Sendable {
    private let backlogCount = Gauge(label: "ocpctl_events_backlog")
    private let backlogAge = Gauge(label: "ocpctl_events_backlog_age_seconds")

    func backlog(_ backlog: EventBacklog, nowMillis: Int64) {
        backlogCount.record(Double(backlog.count))
        backlogAge.record(backlog.oldestCreatedAtMillis.map { Double(max(0, nowMillis - $0)) / 1000 } ?? 0)
    }

    func delivered(_ count: Int, sink: String) {
        Counter(label: "ocpctl_events_delivered_total", dimensions: [("sink", sink)]).increment(by: count)
    }

    func failed(sink: String) {
        Counter(label: "ocpctl_events_delivery_failures_total", dimensions: [("sink", sink)]).increment()
    }
}
