public import Logging
import Metrics
import OCPModel
public import OCPStore
public import ServiceLifecycle
import Synchronization

/// Leader election for the singleton services (janitor, SyncSources, compaction, and whatever comes next), as
/// controller-runtime elects a manager: one fenced lease in the store, renewed well within its duration, handed
/// over within `leaseSeconds` when the holder dies, released on a graceful stop. Alone (no replica id) it leads.
public final class LeaderElection: Service {
    /// The lease every replica competes for.
    public static let leaseName = "leader/singletons"

    let store: any ControlPlaneStore
    let clock: any ControllerClock
    /// Nil when this process is the only one: it leads without a lease.
    let replicaID: String?
    let leaseSeconds: Int64
    let logger: Logger
    private let state: Mutex<State>

    struct State {
        var fence: LeaseFence?
        var decided = false
    }

    /// An election for `replicaID` over `store`; nil `replicaID` leads alone.
    public init(store: any ControlPlaneStore, clock: any ControllerClock, replicaID: String?, leaseSeconds: Int64,
                logger: Logger = Logger(label: "ocpctl.leader")) {
        self.store = store
        self.clock = clock
        self.replicaID = replicaID
        self.leaseSeconds = leaseSeconds
        self.logger = logger
        state = Mutex(State(fence: nil, decided: replicaID == nil))
    }

    /// True while this replica holds the lease (always, when alone).
    public var isLeader: Bool { replicaID == nil || state.withLock { $0.fence != nil } }

    /// The fence the singletons' writes carry; nil when alone or following.
    public var fence: LeaseFence? { state.withLock { $0.fence } }

    /// The fence the singletons' writes carry: the lease's while leading, none when alone; following, it throws.
    public var singletonFence: SingletonFence {
        SingletonFence { [self] in
            guard let replicaID else { return nil }
            guard let fence else { throw NotLeader(replica: replicaID) }
            return fence
        }
    }

    /// True once the first attempt has settled whether this replica leads or follows: readiness waits for it.
    public var hasDecided: Bool { state.withLock { $0.decided } }

    public func run() async throws {
        guard let replicaID else {
            // Alone there is nothing to renew, but a service that returns early would stop the whole group.
            try? await gracefulShutdown()
            return
        }
        // Renew at a third of the lease, so two missed renewals still leave time before it lapses.
        let interval = max(Double(leaseSeconds) / 3, 0.2)
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await attempt(replicaID)
            do {
                try await cancelWhenGracefulShutdown { try await self.clock.sleep(until: self.clock.now() + interval) }
            } catch {
                break
            }
        }
        if let fence = state.withLock({ state -> LeaseFence? in defer { state.fence = nil }; return state.fence }) {
            try? await store.releaseLease(fence, now: now)
            logger.info("leadership released", metadata: ["replica": "\(replicaID)"])
        }
    }

    /// One acquire-or-renew; on any doubt this replica stops leading, since a leader it cannot prove is two leaders.
    func attempt(_ replicaID: String) async {
        let was = state.withLock { $0.fence }
        var next: LeaseFence?
        do {
            next = try await store.acquireLease(Self.leaseName, holder: replicaID, duration: leaseSeconds, now: now).fence
        } catch StoreError.leaseHeld {
            next = nil
        } catch {
            logger.warning("leader lease unreachable; following until it answers", metadata: ["error": "\(error)"])
            next = nil
        }
        state.withLock {
            $0.fence = next
            $0.decided = true
        }
        // 1 on the leader, 0 on followers: a scrape of every replica shows exactly one 1.
        Gauge(label: "ocpctl_leader", dimensions: [("replica", replicaID)]).record(next == nil ? 0 : 1)
        if (was == nil) != (next == nil) {
            logger.info(next == nil ? "lost leadership" : "became leader", metadata: ["replica": "\(replicaID)", "epoch": "\(next?.epoch ?? was?.epoch ?? 0)"])
        }
    }

    var now: Timestamp { Timestamp(secondsSinceEpoch: Int64(clock.now().rounded(.down))) }
}
