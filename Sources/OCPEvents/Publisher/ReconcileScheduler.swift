public import Logging
public import OCPController
public import OCPModel
public import OCPStore
public import ServiceLifecycle

/// Writes `cluster.reconcile` events on the original design's schedule: every 30 s for clusters that need
/// attention, every 5 min for stable ones. A singleton under the leader lease, whose writes carry its fence.
public struct ReconcileScheduler: Service {
    let store: any ControlPlaneStore
    let schedule: ReconcileSchedule
    let clock: any ControllerClock
    let fence: SingletonFence
    let logger: Logger
    /// Seconds between looks for due clusters; a cluster's event is at most this late.
    let tickSeconds: Double

    /// Creates a scheduler.
    public init(store: any ControlPlaneStore, schedule: ReconcileSchedule, clock: any ControllerClock, fence: SingletonFence = .alone,
                logger: Logger, tickSeconds: Double = 5) {
        self.store = store
        self.schedule = schedule
        self.clock = clock
        self.fence = fence
        self.logger = logger
        self.tickSeconds = tickSeconds
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await tick() }
            } catch {
                if error is CancellationError || Task.isShuttingDownGracefully || Task.isCancelled { return }
                logger.warning("scheduling reconcile events failed", metadata: ["error": "\(error)"])
            }
            do { try await cancelWhenGracefulShutdown { try await clock.sleep(until: clock.now() + tickSeconds) } } catch { return }
        }
    }

    /// Writes the events due now; returns how many.
    @discardableResult
    public func tick() async throws -> Int {
        let now = Timestamp(secondsSinceEpoch: Int64(clock.now()))
        var total = 0
        while true {
            let written = try await store.enqueueReconcileEvents(now: now, schedule: schedule, limit: 500, fence: try fence.fence())
            total += written
            if written < 500 { return total }
        }
    }
}
