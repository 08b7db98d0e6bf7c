import Foundation
public import Logging
public import OCPModel
public import OCPStore
public import OCPSync
public import ServiceLifecycle
import Synchronization

/// Syncs every SyncSource on its interval (architecture.md §6 GitOps): fetch with git, validate every document, plan,
/// apply, prune within the safety threshold, and report revision, conditions, per-object results and drift.
public final class SyncSourceController: Service {
    let store: any ControlPlaneStore
    let profiles: ProfileCatalog
    let clock: any ControllerClock
    /// Working copies live in `workDirectory/<source uid>`.
    let workDirectory: String
    /// How often the list of sources is checked for due ones.
    let tick: Double
    /// Sources synced at once.
    let workers: Int
    /// Whether `file://` URLs and local paths may be fetched (tests and demos).
    let allowLocalRepos: Bool
    /// Credentials per URL prefix for private repositories; never shown in status.
    let credentials: GitCredentials?
    let metrics: ControllerMetrics
    /// The leader lease's fence, carried by every write.
    let fence: SingletonFence
    let logger: Logger
    private let lastAttempt = Mutex<[String: Double]>([:])

    public init(store: any ControlPlaneStore, profiles: ProfileCatalog, clock: any ControllerClock, workDirectory: String,
                tick: Double = 1, workers: Int = 4, allowLocalRepos: Bool = false, credentials: GitCredentials? = nil,
                metrics: ControllerMetrics = ControllerMetrics(), fence: SingletonFence = .alone, logger: Logger = Logger(label: "ocpctl.sync")) {
        self.metrics = metrics
        self.fence = fence
        self.store = store
        self.profiles = profiles
        self.clock = clock
        self.workDirectory = workDirectory
        self.tick = tick
        self.workers = workers
        self.allowLocalRepos = allowLocalRepos
        self.credentials = credentials
        self.logger = logger
    }

    public func run() async throws {
        // A work queue, as for clusters: one source is never synced twice at once, and several sync in parallel.
        let queue = WorkQueue<SourceKey>(clock: clock)
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.enqueueDue(into: queue) }
                for _ in 0..<max(workers, 1) {
                    group.addTask { await self.work(queue) }
                }
            }
        } onGracefulShutdown: {
            queue.shutDown()
        }
    }

    /// Lists the sources every tick and queues the due ones, until the queue shuts down.
    private func enqueueDue(into queue: WorkQueue<SourceKey>) async {
        while !Task.isCancelled, !queue.isShutDown {
            do {
                for source in try await store.listSyncSources(namespace: nil) where isDue(source) {
                    queue.add(SourceKey(namespace: source.metadata.namespace ?? "default", name: source.metadata.name))
                }
                metrics.singletonSucceeded("sync", at: clock.now())
            } catch {
                logger.warning("listing sync sources failed", metadata: ["error": "\(error)"])
            }
            do { try await clock.sleep(until: clock.now() + tick) } catch { return }
        }
    }

    /// Syncs queued sources one at a time; the queue hands no source to two workers.
    private func work(_ queue: WorkQueue<SourceKey>) async {
        while let key = await queue.get() {
            do {
                _ = try await sync(try await store.getSyncSource(namespace: key.namespace, name: key.name))
            } catch StoreError.notFound {
                // Deleted since it was queued.
            } catch {
                logger.warning("sync failed", metadata: ["source": "\(key.namespace)/\(key.name)", "error": "\(error)"])
            }
            queue.done(key)
        }
    }

    /// Due when its spec changed since the last sync, or its interval has passed since the last attempt.
    func isDue(_ source: SyncSource) -> Bool {
        if source.status?.observedGeneration != source.metadata.generation { return true }
        let interval = Double(source.spec.interval?.seconds ?? 180)
        let last = lastAttempt.withLock { $0[source.metadata.uid ?? ""] } ?? 0
        return clock.now() >= last + interval
    }

    /// Syncs one source now and writes its status.
    @discardableResult
    public func sync(_ source: SyncSource) async throws -> SyncSource {
        let now = Timestamp(secondsSinceEpoch: Int64(clock.now()))
        lastAttempt.withLock { $0[source.metadata.uid ?? ""] = clock.now() }
        var status = source.status ?? SyncSourceStatus()
        status.observedGeneration = source.metadata.generation
        var conditions = status.conditions ?? []
        let generation = source.metadata.generation
        func set(_ type: String, _ value: ConditionStatus, _ reason: String, _ message: String) {
            conditions.set(type, value, reason: reason, message: message, observedGeneration: generation, now: now)
        }

        // Admission checked these already; a source stored before the rules existed must not reach git either.
        let inputErrors = source.spec.validate(allowLocalRepos: allowLocalRepos)
        guard inputErrors.isEmpty else {
            set("Ready", .false, "InvalidSpec", inputErrors.map(\.description).joined(separator: "; "))
            set("Synced", .unknown, "InvalidSpec", "the source was not fetched")
            status.conditions = conditions
            return try await store.updateSyncSourceStatus(namespace: source.metadata.namespace ?? "default", name: source.metadata.name, status: status, fence: try fence.fence())
        }
        let checkout = GitCheckout(directory: (workDirectory as NSString).appendingPathComponent(source.metadata.uid ?? source.metadata.name),
                                   allowLocalRepos: allowLocalRepos, credentials: credentials)
        let revision: String
        let documents: [Result<ManifestDocument, ManifestError>]
        do {
            revision = try await checkout.fetch(repo: source.spec.repo, revision: source.spec.revision ?? "HEAD")
            documents = try ManifestTree.read(root: checkout.directory, path: source.spec.path ?? ".")
        } catch {
            set("Ready", .false, "FetchFailed", "\(error)")
            set("Synced", .unknown, "FetchFailed", "could not read the source")
            status.conditions = conditions
            return try await store.updateSyncSourceStatus(namespace: source.metadata.namespace ?? "default", name: source.metadata.name, status: status, fence: try fence.fence())
        }
        set("Ready", .true, "Fetched", "fetched \(source.spec.repo) at \(revision)")
        status.lastAttemptedRevision = revision

        let selfHeal = source.spec.selfHeal ?? false
        let options = SyncPlanner.Options(source: source.ownerName, prune: source.spec.prune ?? false,
                                          deletionThreshold: source.spec.deletionThreshold ?? 0.5,
                                          allowMassDeletion: source.spec.allowMassDeletion ?? false, adoptUnowned: false)
        let destinations = SyncDestinations(source)
        let target = StoreSyncTarget(store: store, profiles: profiles, identity: destinations.identity(sourceName: source.metadata.name), now: now,
                                     fence: fence)
        // A new commit is applied whole; the same commit again only reverts live edits when selfHeal is on.
        let outcome = try await SyncEngine.sync(documents, profiles: profiles, target: target, options: options, revision: revision,
                                                dryRun: false, revertDrift: selfHeal || revision != status.lastSyncedRevision,
                                                destinations: destinations)
        let conflicts = outcome.plan.items.filter { $0.action == .conflict }
        if !outcome.errors.isEmpty {
            // The previous revision stays applied: an invalid commit changes nothing.
            let shown = outcome.errors.prefix(10).map(\.description).joined(separator: "; ")
            let more = outcome.errors.count > 10 ? "; and \(outcome.errors.count - 10) more" : ""
            set("Synced", .false, "InvalidManifest", "revision \(revision) not applied: \(shown)\(more)")
        } else {
            status.resources = outcome.plan.items.map { item in
                SyncResourceStatus(namespace: item.namespace, name: item.name, manifest: item.manifest, action: item.action,
                                   message: outcome.failures["\(item.namespace)/\(item.name)"] ?? item.reason
                                       ?? (item.changes.isEmpty ? nil : item.changes.map(\.description).joined(separator: "; ")))
            }
            let drifted = outcome.plan.items.filter { $0.drifted && $0.action == .unchanged }
            status.drift = drifted.isEmpty ? nil : drifted.map {
                SyncResourceStatus(namespace: $0.namespace, name: $0.name, manifest: $0.manifest, action: .unchanged,
                                   message: "changed through the API since revision \(status.lastSyncedRevision ?? revision)")
            }
            if let refusal = outcome.plan.pruneRefusal {
                set("Synced", .false, "PruneRefused", refusal)
            } else if !conflicts.isEmpty {
                set("Synced", .false, "Conflict", conflicts.map { "\($0.namespace)/\($0.name) (\($0.manifest ?? "?")): \($0.reason ?? "conflict")" }
                    .joined(separator: "; "))
            } else if !outcome.failures.isEmpty {
                set("Synced", .false, "ApplyFailed", outcome.failures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
            } else if !drifted.isEmpty {
                set("Synced", .false, "OutOfSync",
                    "\(drifted.count) cluster(s) changed through the API: \(drifted.map { "\($0.namespace)/\($0.name)" }.joined(separator: ", "))")
                status.lastSyncedRevision = revision
            } else {
                let plan = outcome.plan
                set("Synced", .true, "Synced", "revision \(revision) applied: \(plan.count(.create)) created, \(plan.count(.update)) updated, "
                    + "\(plan.count(.delete)) deleted, \(plan.count(.unchanged)) unchanged")
                status.lastSyncedRevision = revision
                status.lastSyncTime = now
            }
        }
        status.conditions = conditions
        return try await store.updateSyncSourceStatus(namespace: source.metadata.namespace ?? "default", name: source.metadata.name, status: status, fence: try fence.fence())
    }
}

/// A source's place in the sync queue.
struct SourceKey: Hashable, Sendable {
    var namespace: String
    var name: String
}
