public import Logging
import OCPModel
public import OCPStore
public import ServiceLifecycle
import Synchronization

/// The level-triggered loop: watches the store, queues keys, and runs reconciles on a pool of workers (architecture.md §3).
///
/// A `Service`: a ServiceGroup owns it; graceful shutdown lets in-flight reconciles finish and releases leases.
public final class ClusterController: Service {
    let store: any ControlPlaneStore
    let reconciler: ClusterReconciler
    let clock: any ControllerClock
    let config: ControllerConfig
    let logger: Logger
    /// The keys waiting for a reconcile, for tests and metrics.
    public let queue: WorkQueue<ClusterKey>
    private let heldLeases = Mutex<[String: LeaseFence]>([:])

    public init(store: any ControlPlaneStore, reconciler: ClusterReconciler, clock: any ControllerClock,
                config: ControllerConfig = ControllerConfig(), logger: Logger = Logger(label: "ocpctl.controller")) {
        self.store = store
        self.reconciler = reconciler
        self.clock = clock
        self.config = config
        self.logger = logger
        queue = WorkQueue(clock: clock, rateLimiter: config.rateLimiter)
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { background in
                background.addTask { await self.queue.runTimers() }
                background.addTask { await self.watch() }
                background.addTask { await self.resync() }
                await withTaskGroup(of: Void.self) { workers in
                    for _ in 0..<max(config.workers, 1) {
                        workers.addTask { await self.work() }
                    }
                }
                background.cancelAll()
            }
            await releaseLeases()
        } onGracefulShutdown: {
            self.queue.shutDown()
        }
    }

    // MARK: Sources of keys

    /// Lists every cluster into the queue, then follows the change stream; lists again if the stream breaks.
    private func watch() async {
        while !Task.isCancelled {
            do {
                let revision = try await enqueueAll()
                for try await change in store.watchClusters(after: revision) {
                    queue.add(change.key)
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("watch interrupted; listing again", metadata: ["error": "\(error)"])
                try? await clock.sleep(until: clock.now() + 1)
            }
        }
    }

    /// Queues every cluster every `resyncInterval`, and refreshes the per-phase gauge.
    private func resync() async {
        while !Task.isCancelled {
            do {
                try await clock.sleep(until: clock.now() + config.resyncInterval)
                _ = try await enqueueAll()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("resync failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Queues every live cluster, page by page; returns the revision of the first page.
    @discardableResult
    func enqueueAll() async throws -> Int64 {
        var query = ClusterListQuery(limit: 500)
        var revision: Int64?
        // Every platform a profile names is reported, zero included, so the gauge never goes stale.
        var phases = Dictionary(uniqueKeysWithValues: reconciler.profiles.platforms.map { ($0, [String: Int]()) })
        repeat {
            let page = try await store.listClusters(query)
            revision = revision ?? page.revision
            for cluster in page.items {
                queue.add(ClusterKey(namespace: cluster.metadata.namespace ?? "default", name: cluster.metadata.name))
                let platform = reconciler.profiles[cluster.spec.profile]?.platform.rawValue ?? "unknown"
                phases[platform, default: [:]][(cluster.status?.phase ?? .pending).rawValue, default: 0] += 1
            }
            query.continueToken = page.continueToken
        } while query.continueToken != nil
        reconciler.metrics.clusters(phases)
        return revision ?? 0
    }

    // MARK: Workers

    private func work() async {
        while let key = await queue.get() {
            reconciler.metrics.queueDepth(queue.depth)
            await process(key)
            queue.done(key)
        }
    }

    private func process(_ key: ClusterKey) async {
        let started = ContinuousClock.now
        do {
            let fence = try await lease(for: key)
            let result = try await withTimeout(key) { try await self.reconciler.reconcile(key, fence: fence) }
            queue.forget(key)
            if let deadline = result.requeueAt { queue.add(key, at: deadline) }
            reconciler.metrics.reconciled(seconds: seconds(since: started), error: false)
        } catch StoreError.leaseHeld(_, _, let expiresAt) {
            // Another replica has it; look again when its lease would lapse, in case that replica died.
            reconciler.metrics.lockAcquisitionFailed(reason: "held")
            queue.add(key, at: Double(expiresAt.secondsSinceEpoch) + 1)
        } catch StoreError.staleFence {
            reconciler.metrics.lockAcquisitionFailed(reason: "stale_fence")
            forgetLease(for: key)
            queue.addRateLimited(key)
        } catch {
            reconciler.metrics.reconciled(seconds: seconds(since: started), error: true)
            logger.warning("reconcile failed", metadata: ["cluster": "\(key)", "error": "\(error)", "failures": "\(queue.failures(key) + 1)"])
            queue.addRateLimited(key)
        }
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Runs one reconcile, abandoning it when the injected clock passes the timeout.
    private func withTimeout(_ key: ClusterKey, _ body: @escaping @Sendable () async throws -> ReconcileResult) async throws -> ReconcileResult {
        let deadline = clock.now() + config.reconcileTimeout
        let clock = self.clock
        let timeout = config.reconcileTimeout
        return try await withThrowingTaskGroup(of: ReconcileResult?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await clock.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw ReconcileTimeout(key: key.description, seconds: timeout)
            }
            return result
        }
    }

    // MARK: Leases (replicas only)

    private func leaseName(_ key: ClusterKey) -> String { "cluster/\(key.namespace)/\(key.name)" }

    /// Takes or renews this replica's lease on the cluster; nil when running alone.
    private func lease(for key: ClusterKey) async throws -> LeaseFence? {
        guard let replica = config.replicaID else { return nil }
        let now = Timestamp(secondsSinceEpoch: Int64(clock.now()))
        let lease = try await store.acquireLease(leaseName(key), holder: replica, duration: config.leaseSeconds, now: now)
        guard let fence = lease.fence else { return nil }
        heldLeases.withLock { $0[leaseName(key)] = fence }
        return fence
    }

    private func forgetLease(for key: ClusterKey) {
        _ = heldLeases.withLock { $0.removeValue(forKey: leaseName(key)) }
    }

    /// Gives back every lease this replica holds, so others take over at once instead of after expiry.
    private func releaseLeases() async {
        let fences = heldLeases.withLock { held in
            defer { held = [:] }
            return Array(held.values)
        }
        let now = Timestamp(secondsSinceEpoch: Int64(clock.now()))
        for fence in fences {
            try? await store.releaseLease(fence, now: now)
        }
    }
}
