public import Logging
public import OCPStore
public import ServiceLifecycle

/// Compacts the cluster change log on a schedule, as kube-apiserver compacts etcd: every `interval` seconds it
/// drops the changes up to the revision it saw one interval earlier. A watcher may fall up to one interval
/// behind before it must list again, and the log holds about two intervals of writes instead of all of them.
public struct ChangeLogCompactor: Service {
    let store: any ControlPlaneStore
    let clock: any ControllerClock
    let interval: Double
    let metrics: ControllerMetrics
    /// The leader lease's fence, carried by every compaction.
    let fence: SingletonFence
    let logger: Logger

    /// `interval` is in seconds.
    public init(store: any ControlPlaneStore, clock: any ControllerClock, interval: Double = 300, metrics: ControllerMetrics = ControllerMetrics(),
                fence: SingletonFence = .alone, logger: Logger = Logger(label: "ocpctl.compactor")) {
        self.metrics = metrics
        self.fence = fence
        self.store = store
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        var previous: Int64?
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(until: clock.now() + interval) }
                previous = try await compact(through: previous)
                metrics.singletonSucceeded("compactor", at: clock.now())
            } catch is CancellationError {
                return
            } catch {
                logger.warning("change log compaction failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One round: compacts through `previous`, the revision the last round saw, and returns the current
    /// revision for the next round. The current revision is read first, so it never includes what this
    /// round drops.
    public func compact(through previous: Int64?) async throws -> Int64 {
        let current = try await store.currentRevision()
        if let previous, previous > 0 {
            try await store.compactChanges(through: previous, fence: try fence.fence())
            logger.debug("compacted the change log", metadata: ["through": "\(previous)"])
        }
        return current
    }
}
