/// Everything one reconcile decision depends on.
///
/// Held in one shared immutable box: passing and copying an input costs one retain.
public struct PlanInput: Sendable, Hashable {
    private final class Box: Sendable {
        let cluster: Cluster
        let profile: Profile?
        let observed: ObservedCluster?
        let operation: Operation?
        let now: Timestamp
        let cloudUnavailable: String?
        init(cluster: Cluster, profile: Profile?, observed: ObservedCluster?, operation: Operation?, now: Timestamp, cloudUnavailable: String?) {
            self.cluster = cluster
            self.profile = profile
            self.observed = observed
            self.operation = operation
            self.now = now
            self.cloudUnavailable = cloudUnavailable
        }
    }

    private let box: Box

    public var cluster: Cluster { box.cluster }
    /// The profile the spec names; nil when it does not exist.
    public var profile: Profile? { box.profile }
    /// What the cloud has; nil when it has nothing for this cluster.
    public var observed: ObservedCluster? { box.observed }
    /// The cluster's latest operation, running or finished.
    public var operation: Operation? { box.operation }
    public var now: Timestamp { box.now }
    /// Why no cloud driver can serve the profile's platform, or nil when one can.
    public var cloudUnavailable: String? { box.cloudUnavailable }

    public init(cluster: Cluster, profile: Profile?, observed: ObservedCluster?, operation: Operation?, now: Timestamp,
                cloudUnavailable: String? = nil) {
        box = Box(cluster: cluster, profile: profile, observed: observed, operation: operation, now: now, cloudUnavailable: cloudUnavailable)
    }

    public static func == (lhs: PlanInput, rhs: PlanInput) -> Bool {
        lhs.box === rhs.box || (lhs.cluster == rhs.cluster && lhs.profile == rhs.profile && lhs.observed == rhs.observed
            && lhs.operation == rhs.operation && lhs.now == rhs.now && lhs.cloudUnavailable == rhs.cloudUnavailable)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(cluster)
        hasher.combine(profile)
        hasher.combine(observed)
        hasher.combine(operation)
        hasher.combine(now)
        hasher.combine(cloudUnavailable)
    }
}

/// A reconcile decision: at most one action, the status to write, and when to look again.
public struct Plan: Sendable, Hashable {
    public var action: Action?
    public var status: ClusterStatus
    /// Reconcile again after this long even if nothing changes; nil waits for a change.
    public var requeueAfter: Duration?

    public init(action: Action?, status: ClusterStatus, requeueAfter: Duration?) {
        self.action = action
        self.status = status
        self.requeueAfter = requeueAfter
    }
}

/// Timings the planner uses.
public struct PlannerConfig: Sendable, Hashable {
    /// How soon to look again at a cluster that is changing or failing.
    public var attentionInterval: Duration
    /// How soon to look again at a stable cluster.
    public var stableInterval: Duration
    /// First wait after a failed operation; doubles per attempt.
    public var backoffBase: Duration
    /// Longest wait between attempts.
    public var backoffCap: Duration

    public init(attentionInterval: Duration = .seconds(30), stableInterval: Duration = .seconds(300),
                backoffBase: Duration = .seconds(30), backoffCap: Duration = .seconds(600)) {
        self.attentionInterval = attentionInterval
        self.stableInterval = stableInterval
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
    }

    /// The defaults of architecture.md §3: 30 s for attention, 5 min when stable.
    public static let standard = PlannerConfig()

    /// Seconds to wait after the `attempt`-th failure: base × 2^(attempt-1), capped.
    public func backoffSeconds(afterAttempt attempt: Int) -> Int64 {
        let base = backoffBase.components.seconds
        let cap = backoffCap.components.seconds
        let exponent = min(max(attempt - 1, 0), 30)
        return min(base << exponent, cap)
    }
}

/// Reasons the planner writes into conditions.
public enum Reason {
    public static let specAccepted = "SpecAccepted"
    public static let invalidSpec = "InvalidSpec"
    /// No cloud driver of this control plane serves the profile's platform.
    public static let noCloudDriver = "NoCloudDriver"
    /// The driver could not tell what the cloud has (expired credentials, an outage).
    public static let cloudUnreachable = "CloudUnreachable"
    public static let installing = "Installing"
    public static let installed = "Installed"
    public static let notInstalled = "NotInstalled"
    public static let provisionFailed = "ProvisionFailed"
    public static let backingOff = "BackingOff"
    public static let cleaningUp = "CleaningUp"
    public static let clusterRunning = "ClusterRunning"
    public static let clusterVanished = "ClusterVanished"
    public static let scalingWorkers = "ScalingWorkers"
    public static let hibernating = "Hibernating"
    public static let hibernated = "Hibernated"
    public static let resuming = "Resuming"
    public static let deleting = "Deleting"
    public static let waitingForOperation = "WaitingForOperation"
    public static let reconciled = "Reconciled"
    public static let asExpected = "AsExpected"
    public static let operationFailed = "OperationFailed"
    public static let withinTTL = "WithinTTL"
    public static let expiresSoon = "ExpiresSoon"
    public static let expired = "Expired"
}
