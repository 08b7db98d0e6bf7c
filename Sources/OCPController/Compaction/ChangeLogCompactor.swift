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
    let logger: Logger

    /// `interval` is in seconds; replicas may each run one, since compaction only ever moves forward.
    public init(store: any ControlPlaneStore, clock: any ControllerClock, interval: Double = 300,
                logger: Logger = Logger(label: "ocpctl.compactor")) {
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
            try await store.compactChanges(through: previous)
            logger.debug("compacted the change log", metadata: ["through": "\(previous)"])
        }
        return current
    }
}
