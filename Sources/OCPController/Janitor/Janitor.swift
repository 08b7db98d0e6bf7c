public import Logging
public import OCPCloud
public import OCPModel
public import OCPStore
public import ServiceLifecycle

/// How often the janitor sweeps and what it considers stale.
public struct JanitorConfig: Sendable {
    /// Seconds between sweeps.
    public var interval: Double
    /// A running operation whose last heartbeat is older than this many seconds is checked with the cloud.
    public var staleOperationSeconds: Int64

    public init(interval: Double = 60, staleOperationSeconds: Int64 = 600) {
        self.interval = interval
        self.staleOperationSeconds = staleOperationSeconds
    }
}

/// What one sweep found and did.
public struct JanitorReport: Sendable, Hashable {
    /// Cloud resources tagged for clusters that are no longer live, all deleted.
    public var orphanedResources: Int = 0
    /// Running operations without a recent heartbeat that were settled from the cloud's answer.
    public var staleOperations: Int = 0
    /// Expired idempotency keys removed.
    public var purgedIdempotencyKeys: Int = 0
}

/// Cleans up after everything else (seed "janitor"): orphaned cloud resources, lost operations, expired keys.
public struct Janitor: Service {
    let store: any ControlPlaneStore
    let cloud: any CloudProvider
    let profiles: ProfileCatalog
    let clock: any ControllerClock
    let config: JanitorConfig
    let metrics: ControllerMetrics
    /// The leader lease's fence, carried by every write.
    let fence: SingletonFence
    let logger: Logger

    public init(store: any ControlPlaneStore, cloud: any CloudProvider, profiles: ProfileCatalog, clock: any ControllerClock,
                config: JanitorConfig = JanitorConfig(), metrics: ControllerMetrics = ControllerMetrics(), fence: SingletonFence = .alone,
                logger: Logger = Logger(label: "ocpctl.janitor")) {
        self.fence = fence
        self.store = store
        self.cloud = cloud
        self.profiles = profiles
        self.clock = clock
        self.config = config
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(until: clock.now() + config.interval) }
                let report = try await sweep()
                metrics.singletonSucceeded("janitor", at: clock.now())
                if report != JanitorReport() {
                    logger.info("janitor sweep", metadata: ["orphans": "\(report.orphanedResources)", "staleOperations": "\(report.staleOperations)",
                                                            "purgedKeys": "\(report.purgedIdempotencyKeys)"])
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("janitor sweep failed", metadata: ["error": "\(error)"])
            }
        }
    }

    var now: Timestamp { Timestamp(secondsSinceEpoch: Int64(clock.now())) }

    /// One sweep of every kind.
    public func sweep() async throws -> JanitorReport {
        var report = JanitorReport()
        report.orphanedResources = try await sweepOrphans()
        report.staleOperations = try await settleStaleOperations()
        report.purgedIdempotencyKeys = try await store.purgeExpiredIdempotencyKeys(now: now, fence: try fence.fence())
        return report
    }

    /// Deletes cloud resources whose cluster is no longer live.
    func sweepOrphans() async throws -> Int {
        // Resources first, clusters second: a cluster created in between has no resources in the first list,
        // so a live cluster's resources can never be mistaken for orphans.
        let tagged = try await cloud.resources(taggedWith: CloudTags.clusterUID, value: nil)
        guard !tagged.isEmpty else {
            reportOrphans([])
            return 0
        }
        var live: Set<String> = []
        var query = ClusterListQuery(limit: 500)
        repeat {
            let page = try await store.listClusters(query)
            live.formUnion(page.items.compactMap(\.metadata.uid))
            query.continueToken = page.continueToken
        } while query.continueToken != nil
        let orphans = tagged.filter { !live.contains($0.clusterUID ?? "") }
        reportOrphans(orphans)
        guard !orphans.isEmpty else { return 0 }
        // The fenced audit event comes before the delete, as an operation is recorded before it starts: a deposed
        // leader is refused here and deletes nothing, so each leak is removed, and audited, by one leader once.
        for (infraID, resources) in Dictionary(grouping: orphans, by: \.infraID).sorted(by: { $0.key < $1.key }) {
            let names = resources.map { "\($0.kind.rawValue) \($0.name)" }.sorted().joined(separator: ", ")
            _ = try await store.appendAuditEvent(AuditEvent(
                time: now, actor: SystemActor.janitor, verb: "delete-orphans", resource: "cloudresources", name: infraID,
                outcome: "Success", summary: "deleted \(resources.count) orphaned resources: \(names)"), fence: try fence.fence())
            try await cloud.deleteResources(ids: resources.map(\.id))
        }
        return orphans.count
    }

    /// `ocpctl_orphan_resources` by platform: every platform a profile names, zero included, so a gauge never
    /// keeps an old count; resources without a platform tag (made before it existed) count as "unknown".
    private func reportOrphans(_ orphans: [CloudResource]) {
        var counts = Dictionary(uniqueKeysWithValues: profiles.platforms.map { ($0, 0) })
        for orphan in orphans { counts[orphan.platform ?? "unknown", default: 0] += 1 }
        for (platform, count) in counts { metrics.orphanResources(count, platform: platform) }
    }

    /// Settles running operations nobody has heartbeated for a while, from what the cloud says about them.
    func settleStaleOperations() async throws -> Int {
        let cutoff = now.adding(seconds: -config.staleOperationSeconds)
        var settled = 0
        for record in try await store.listRunningOperations() {
            let operation = record.operation
            guard (operation.heartbeatAt ?? operation.startedAt) < cutoff else { continue }
            do {
                settled += try await settle(operation)
            } catch StoreError.conflict {
                // A reconciler settled it meanwhile: nothing left to do.
            }
        }
        return settled
    }

    /// Settles one stale operation; returns 1 when it finished it.
    private func settle(_ operation: Operation) async throws -> Int {
        switch try await cloud.operation(id: operation.id) {
        case let status? where status.state == .running:
            // Still going in the cloud; only its watcher stopped. Mark it alive so it is not failed.
            _ = try await store.heartbeatOperation(id: operation.id, now: now, appendingLog: nil, fence: try fence.fence())
            return 0
        case let status?:
            _ = try await store.finishOperation(id: operation.id, state: status.state, error: status.error,
                                                appendingLog: "settled by the janitor\n", now: now, fence: try fence.fence())
            return 1
        case nil:
            // The cloud never saw it: fail it so the reconciler's backoff retries.
            _ = try await store.finishOperation(
                id: operation.id, state: .failed,
                error: "operation lost: no heartbeat for \(config.staleOperationSeconds) s and the cloud has no record of it",
                appendingLog: "failed by the janitor\n", now: now, fence: try fence.fence())
            return 1
        }
    }
}
