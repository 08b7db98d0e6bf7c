public import OCPModel

/// The transactional outbox of cluster events and the reconcile schedule (architecture.md §9).
public protocol EventOutboxStore: Sendable {
    /// The oldest unsent events, in id order (so each cluster's in commit order).
    func pendingEvents(limit: Int) async throws -> [OutboxEvent]

    /// Marks events sent once a sink acknowledged them; sent rows older than `purgeBeforeMillis` go. With a fence,
    /// only while the fence still holds its lease.
    func markEventsSent(_ ids: [Int64], atMillis: Int64, purgeBeforeMillis: Int64, fence: LeaseFence?) async throws

    /// How many events wait, and when the oldest was written.
    func eventBacklog() async throws -> EventBacklog

    /// Writes a `cluster.reconcile` event for every live cluster that is due at `now`, and schedules its next one
    /// by `schedule`; returns how many were written. With a fence, only while the fence still holds its lease.
    func enqueueReconcileEvents(now: Timestamp, schedule: ReconcileSchedule, limit: Int, fence: LeaseFence?) async throws -> Int
}

extension EventOutboxStore {
    /// Marks events sent, unfenced.
    public func markEventsSent(_ ids: [Int64], atMillis: Int64, purgeBeforeMillis: Int64) async throws {
        try await markEventsSent(ids, atMillis: atMillis, purgeBeforeMillis: purgeBeforeMillis, fence: nil)
    }

    /// Writes the reconcile events due at `now`, unfenced.
    public func enqueueReconcileEvents(now: Timestamp, schedule: ReconcileSchedule, limit: Int) async throws -> Int {
        try await enqueueReconcileEvents(now: now, schedule: schedule, limit: limit, fence: nil)
    }
}

/// Reports of external controllers per cluster: the original design's `controller_status` table.
public protocol ControllerReportStore: Sendable {
    /// Stores the report of `report.controllerName` for the cluster and bumps the cluster's resourceVersion in the same
    /// transaction, so watchers (and the reconciler, which aggregates) see it. Throws `.notFound` for no live cluster.
    func putControllerReport(_ key: ClusterKey, report: ControllerReport, now: Timestamp) async throws -> Cluster

    /// Every report for the cluster, by controller name.
    func controllerReports(clusterUID: String) async throws -> [ControllerReport]

    /// The namespace and name of the live cluster with this uid (the original design's cluster id), or nil.
    func clusterKey(uid: String) async throws -> ClusterKey?
}

/// One row of the outbox.
public struct OutboxEvent: Sendable, Hashable {
    public var id: Int64
    public var type: ClusterEvent.EventType
    public var clusterUID: String
    public var namespace: String
    public var name: String
    public var generation: Int64
    public var spec: ClusterSpec
    public var createdAtMillis: Int64

    /// Creates a row.
    public init(id: Int64, type: ClusterEvent.EventType, clusterUID: String, namespace: String, name: String, generation: Int64,
                spec: ClusterSpec, createdAtMillis: Int64) {
        self.id = id
        self.type = type
        self.clusterUID = clusterUID
        self.namespace = namespace
        self.name = name
        self.generation = generation
        self.spec = spec
        self.createdAtMillis = createdAtMillis
    }

    /// The published event, with the platform the cluster's profile names.
    public func event(platform: String) -> ClusterEvent {
        ClusterEvent(type: type, sequence: id, timeMillis: createdAtMillis,
                     cluster: .init(uid: clusterUID, namespace: namespace, name: name, generation: generation, platform: platform, spec: spec))
    }
}

/// The outbox's backlog, for metrics.
public struct EventBacklog: Sendable, Hashable {
    public var count: Int64
    /// Nil when nothing waits.
    public var oldestCreatedAtMillis: Int64?

    /// Creates a backlog.
    public init(count: Int64, oldestCreatedAtMillis: Int64?) {
        self.count = count
        self.oldestCreatedAtMillis = oldestCreatedAtMillis
    }
}
