public import OCPCloud
public import OCPModel
public import OCPStore
public import Logging
import Synchronization

/// Reconciles one cluster: loads it, its profile, what the cloud has and its latest operation, asks the planner,
/// writes status when it changed and carries out the one action (architecture.md §3).
public struct ClusterReconciler: Sendable {
    let store: any ControlPlaneStore
    let cloud: any CloudProvider
    let profiles: ProfileCatalog
    let clock: any ControllerClock
    let planner: PlannerConfig
    let metrics: ControllerMetrics
    let logger: Logger
    /// The minute of the last usage sample written per cluster uid, so a no-op reconcile writes nothing.
    private let lastSamples = LastUsageSamples()

    public init(store: any ControlPlaneStore, cloud: any CloudProvider, profiles: ProfileCatalog, clock: any ControllerClock,
                planner: PlannerConfig = .standard, metrics: ControllerMetrics = ControllerMetrics(), logger: Logger = Logger(label: "ocpctl.reconciler")) {
        self.store = store
        self.cloud = cloud
        self.profiles = profiles
        self.clock = clock
        self.planner = planner
        self.metrics = metrics
        self.logger = logger
    }

    var now: Timestamp { Timestamp(secondsSinceEpoch: Int64(clock.now().rounded(.down))) }

    /// Reconciles the cluster at `key`; every store write carries `fence` when replicas share the store.
    public func reconcile(_ key: ClusterKey, fence: LeaseFence? = nil) async throws -> ReconcileResult {
        let cluster: Cluster
        do {
            cluster = try await store.getCluster(key)
        } catch StoreError.notFound {
            return .done
        }
        guard let uid = cluster.metadata.uid else { return .done }
        let profile = profiles[cluster.spec.profile]
        var result = ReconcileResult.done

        // The latest operation, brought up to date with the cloud first: level-triggered on both.
        var latest = try await store.listOperations(clusterUID: uid).last
        if let record = latest, record.operation.state == .running {
            let (updated, requeue) = try await sync(record, cluster: cluster, uid: uid, profile: profile, fence: fence)
            latest = updated
            result = result.sooner(requeue)
        }

        // A platform no driver serves is reported, not observed: there is nothing to ask.
        let unavailable = profile.flatMap { cloud.unavailableReason(platform: $0.platform.rawValue) }
        let observed = unavailable != nil ? nil : try await observe(cluster, key: key, uid: uid, profile: profile, fence: fence)
        let decidedAt = now
        let plan = Planner.plan(PlanInput(cluster: cluster, profile: profile, observed: observed, operation: latest?.operation, now: decidedAt,
                                          cloudUnavailable: unavailable),
                                config: planner)
        // External controllers' reports fold into the planner's status, so one writer owns it (architecture.md §9).
        let status = ControllerAggregation.apply(to: plan.status, reports: try await store.controllerReports(clusterUID: uid),
                                                 required: profile?.requiredControllers ?? [], generation: cluster.metadata.generation ?? 1,
                                                 previous: cluster.status, now: decidedAt)
        if status != cluster.status {
            _ = try await store.updateClusterStatus(key, status: status, resourceVersion: cluster.metadata.resourceVersion, fence: fence)
        }
        result = result.sooner(plan.requeueAfter.map { Double(decidedAt.secondsSinceEpoch + $0.components.seconds) })
        if let action = plan.action {
            result = result.sooner(try await perform(action, key: key, cluster: cluster, uid: uid, profile: profile, latest: latest, fence: fence))
        }
        try await recordUsage(cluster, uid: uid, profile: profile, observed: observed)
        return result
    }

    /// What the cloud has for the cluster. A failure is shown on the cluster before it is rethrown for the backoff,
    /// so expired credentials read as Degraded rather than as a Ready that is no longer known.
    private func observe(_ cluster: Cluster, key: ClusterKey, uid: String, profile: Profile?, fence: LeaseFence?) async throws -> ObservedCluster? {
        do {
            return try await cloud.observe(CloudRequests.target(for: cluster, uid: uid, profile: profile))
        } catch {
            let status = Planner.unobservable(cluster, reason: "\(error)", now: now)
            if status != cluster.status {
                _ = try await store.updateClusterStatus(key, status: status, resourceVersion: cluster.metadata.resourceVersion, fence: fence)
            }
            throw error
        }
    }

    /// Finishes, restarts or waits for a running operation; returns the record and when (epoch seconds) to look again.
    private func sync(_ record: OperationRecord, cluster: Cluster, uid: String, profile: Profile?, fence: LeaseFence?)
        async throws -> (OperationRecord, Double?)
    {
        let operation = record.operation
        guard let status = try await cloud.operation(id: operation.id) else {
            // Recorded but never started: the controller stopped between the two. Starting is idempotent by id.
            let request = CloudRequests.request(id: operation.id, type: operation.type, cluster: cluster, uid: uid, profile: profile)
            let started = try await cloud.start(request)
            logger.info("restarted an operation the cloud never saw", metadata: ["operation": "\(operation.id)", "cluster": "\(uid)"])
            return try await settle(record, with: started, cluster: cluster, fence: fence)
        }
        return try await settle(record, with: status, cluster: cluster, fence: fence)
    }

    /// Records a finished cloud operation in the store, or heartbeats a running one.
    private func settle(_ record: OperationRecord, with status: CloudOperationStatus, cluster: Cluster, fence: LeaseFence?)
        async throws -> (OperationRecord, Double?)
    {
        let operation = record.operation
        guard status.state != .running else {
            let updated = try await store.heartbeatOperation(id: operation.id, now: now, appendingLog: nil, fence: fence)
            return (updated, status.completesAt)
        }
        let line = status.state == .succeeded ? "\(operation.type.rawValue) succeeded" : "\(operation.type.rawValue) failed: \(status.error ?? "")"
        let finished = try await store.finishOperation(
            id: operation.id, state: status.state, error: status.error, appendingLog: line + "\n", now: now, fence: fence,
            audit: auditEvent(cluster, verb: operation.type.rawValue, outcome: status.state.rawValue, summary: line, actor: SystemActor.reconciler))
        for artifact in status.artifacts {
            _ = try await store.addClusterArtifact(ClusterArtifact(clusterUID: operation.clusterUID, type: artifact.type, uri: artifact.stored.uri,
                                                                   checksum: "sha256:\(artifact.stored.sha256)", size: artifact.stored.size), now: now)
        }
        if operation.type == .create, status.state == .succeeded,
           let outputs = try await cloud.outputs(CloudRequests.target(for: cluster, uid: operation.clusterUID, profile: profiles[cluster.spec.profile])) {
            // References only: the kubeconfig and the kubeadmin password stay where the cloud keeps them.
            _ = try await store.putClusterOutputs(
                ClusterOutputs(clusterUID: operation.clusterUID, apiURL: outputs.apiURL, consoleURL: outputs.consoleURL,
                               kubeconfigRef: outputs.kubeconfigRef, kubeadminPasswordRef: outputs.kubeadminPasswordRef), now: now)
        }
        let platform = profiles[cluster.spec.profile]?.platform.rawValue ?? "unknown"
        metrics.operationFinished(type: operation.type, state: status.state, seconds: status.completesAt - status.startedAt, platform: platform)
        return (finished, clock.now())
    }

    /// Carries out the planner's action; returns when (epoch seconds) to look again.
    private func perform(_ action: Action, key: ClusterKey, cluster: Cluster, uid: String, profile: Profile?, latest: OperationRecord?,
                         fence: LeaseFence?) async throws -> Double? {
        switch action {
        case .delete(let reason):
            _ = try await store.deleteCluster(key, resourceVersion: nil, now: now)
            try await audit(cluster, verb: "delete", outcome: "Success", summary: "deleted: \(reason)",
                            actor: reason == Reason.expired ? SystemActor.ttl : SystemActor.reconciler)
            return clock.now()
        case .removeFinalizer:
            _ = try await store.removeFinalizer(key, finalizer: Cluster.finalizer, fence: fence, now: now)
            try await audit(cluster, verb: "remove-finalizer", outcome: "Success", summary: "no cloud resources left", actor: SystemActor.reconciler)
            return nil
        default:
            guard let type = action.operationType else { return nil }
            let previous = latest?.operation
            let attempt = previous.map { $0.type == type && $0.state == .failed ? $0.attempt + 1 : 1 } ?? 1
            let actor = cluster.metadata.deletionTimestamp != nil && cluster.status?.conditions.condition(ConditionType.expiring)?.reason == Reason.expired
                ? SystemActor.ttl : SystemActor.reconciler
            // Recorded (with its audit event, in one commit) before the cloud hears of it, so a crash in between
            // is recovered by id on the next reconcile.
            let record = try await store.startOperation(
                NewOperation(clusterUID: uid, type: type, attempt: attempt, generation: cluster.metadata.generation ?? 1,
                             requestID: cluster.metadata.annotations?[Cluster.requestIDAnnotation]), now: now, fence: fence,
                audit: auditEvent(cluster, verb: type.rawValue, outcome: "Started", summary: "\(action) attempt \(attempt)", actor: actor))
            let request = CloudRequests.request(id: record.operation.id, type: type, cluster: cluster, uid: uid, profile: profile)
            metrics.operationStarted(type: type)
            let status = try await cloud.start(request)
            return status.state == .running ? status.completesAt : clock.now()
        }
    }

    private func auditEvent(_ cluster: Cluster, verb: String, outcome: String, summary: String, actor: String) -> AuditEvent {
        // The request that caused the change, when there was one, follows it into the audit trail.
        AuditEvent(time: now, actor: actor, verb: verb, resource: "clusters", namespace: cluster.metadata.namespace,
                   name: cluster.metadata.name, requestID: cluster.metadata.annotations?[Cluster.requestIDAnnotation],
                   outcome: outcome, summary: summary)
    }

    private func audit(_ cluster: Cluster, verb: String, outcome: String, summary: String, actor: String) async throws {
        _ = try await store.appendAuditEvent(auditEvent(cluster, verb: verb, outcome: outcome, summary: summary, actor: actor))
    }

    /// One sample per cluster and minute while the cloud has it, priced by its profile. A sample stands for its
    /// whole minute, so when the cluster changes within the minute (a hibernation the cloud finished at once) the
    /// later observation replaces the earlier: a transition is charged from the minute it was asked in.
    private func recordUsage(_ cluster: Cluster, uid: String, profile: Profile?, observed: ObservedCluster?) async throws {
        guard let observed, let profile else { return }
        let minute = Timestamp(secondsSinceEpoch: now.secondsSinceEpoch / 60 * 60)
        let sample = UsageSample.of(cluster, uid: uid, profile: profile, poweredOn: observed.poweredOn, at: minute)
        let last = lastSamples.last(uid)
        guard last != sample else { return }
        try await store.recordUsage(sample)
        metrics.estimatedCost(sample, since: last?.time)
        lastSamples.record(sample)
    }
}

/// The sample each cluster was last given by this process; shared by the copies of a reconciler.
final class LastUsageSamples: Sendable {
    private let samples = Mutex<[String: UsageSample]>([:])

    /// The sample `uid` was last given.
    func last(_ uid: String) -> UsageSample? {
        samples.withLock { $0[uid] }
    }

    /// Notes that `sample` was recorded.
    func record(_ sample: UsageSample) {
        samples.withLock { $0[sample.clusterUID] = sample }
    }
}
