/// The reconcile decision as a pure function (architecture.md §3).
///
/// Same input, same plan: a missed or repeated event is harmless because every call decides from the
/// current spec and the current observation, never from the event that caused it.
public enum Planner {
    /// Decides at most one action and the new status for one cluster.
    public static func plan(_ input: PlanInput, config: PlannerConfig = .standard) -> Plan {
        var draft = Draft(input: input, config: config)
        draft.decide(input)
        return Plan(action: draft.action, status: draft.status, requeueAfter: draft.requeue.map { .seconds($0) })
    }
}

/// The working state of one decision. The input is passed to each step rather than stored, to avoid copying it.
private struct Draft {
    let config: PlannerConfig
    let now: Timestamp
    let generation: Int64
    var status: ClusterStatus
    var action: Action?
    /// Seconds until the next reconcile; the earliest requested wins.
    var requeue: Int64?

    init(input: PlanInput, config: PlannerConfig) {
        self.config = config
        now = input.now
        generation = input.cluster.metadata.generation ?? 1
        var status = input.cluster.status ?? ClusterStatus()
        if status.conditions.isEmpty { status.conditions.reserveCapacity(6) }
        let seen = status.observedGeneration ?? 0
        if generation > seen {
            // A new spec deserves fresh attempts (and lifts phase Failed).
            status.provisionAttempts = nil
        }
        status.observedGeneration = max(seen, generation)
        if let observed = input.observed?.infraID {
            // The cloud's name wins: a real installer picks its own infraID, which status then shows.
            status.infraID = observed
        } else if status.infraID == nil {
            status.infraID = InfraID.make(name: input.cluster.metadata.name, uid: input.cluster.metadata.uid ?? input.cluster.metadata.name)
        }
        if let operation = input.operation {
            status.lastOperation = operation.summary
        }
        self.status = status
    }

    var infraID: String { status.infraID ?? "" }
    var attempts: Int { status.provisionAttempts ?? 0 }

    mutating func set(_ type: String, _ value: ConditionStatus, _ reason: String, _ message: String) {
        status.conditions.set(type, value, reason: reason, message: message, observedGeneration: generation, now: now)
    }

    mutating func requeue(inSeconds seconds: Int64) {
        let seconds = max(seconds, 1)
        requeue = min(requeue ?? seconds, seconds)
    }

    mutating func requeueSoon() { requeue(inSeconds: config.attentionInterval.components.seconds) }
    mutating func requeueStable() { requeue(inSeconds: config.stableInterval.components.seconds) }

    mutating func health(ready: (ConditionStatus, String, String), progressing: (ConditionStatus, String, String),
                         degraded: (ConditionStatus, String, String) = (.false, Reason.asExpected, "no problems found")) {
        set(ConditionType.ready, ready.0, ready.1, ready.2)
        set(ConditionType.progressing, progressing.0, progressing.1, progressing.2)
        set(ConditionType.degraded, degraded.0, degraded.1, degraded.2)
    }

    mutating func decide(_ input: PlanInput) {
        if input.cluster.metadata.deletionTimestamp != nil {
            decideDeletion(input)
            return
        }
        guard let profile = input.profile else {
            reject([FieldError(reason: .notSupported, field: "spec.profile", message: "profile \"\(input.cluster.spec.profile)\" does not exist")])
            return
        }
        let spec = input.cluster.spec
        let errors = ClusterPolicy.validate(metadata: input.cluster.metadata, spec: spec, profile: profile)
        guard errors.isEmpty else {
            reject(errors)
            return
        }
        if let reason = input.cloudUnavailable {
            set(ConditionType.accepted, .false, Reason.noCloudDriver, reason)
            if status.phase == nil { status.phase = .pending }
            return
        }
        set(ConditionType.accepted, .true, Reason.specAccepted, "spec is valid for the profile")
        if enforceTTL(input, profile: profile) { return }
        let powerState = desiredPowerState(input, profile: profile)
        if let operation = input.operation, operation.state == .running {
            waitFor(operation, desiredWorkers: spec.workers ?? profile.compute.workers.replicas)
            return
        }
        if let observed = input.observed, observed.installed {
            converge(input, observed: observed, profile: profile, powerState: powerState)
        } else {
            provision(input, profile: profile)
        }
    }

    // MARK: Deletion

    mutating func decideDeletion(_ input: PlanInput) {
        status.phase = .destroying
        set(ConditionType.ready, .false, Reason.deleting, "the cluster is being deleted")
        if let operation = input.operation, operation.state == .running {
            let message = operation.type == .destroy
                ? "destroying cloud resources of \(infraID)"
                : "waiting for \(operation.type.rawValue) to finish before destroying"
            set(ConditionType.progressing, .true, operation.type == .destroy ? Reason.deleting : Reason.waitingForOperation, message)
            requeueSoon()
            return
        }
        if let observed = input.observed {
            if let failed = failedDestroy(input) {
                // What the destroy left is named until a retry removes it.
                set(ConditionType.degraded, .true, Reason.operationFailed, failed)
            }
            if let wait = backoffRemaining(input, after: .destroy) {
                set(ConditionType.progressing, .true, Reason.backingOff, "destroy failed; retrying at \(now.adding(seconds: wait))")
                requeue(inSeconds: wait)
                return
            }
            set(ConditionType.progressing, .true, Reason.deleting, "destroying cloud resources of \(observed.infraID)")
            action = .destroy(infraID: observed.infraID, reason: .deletion)
            requeueSoon()
            return
        }
        set(ConditionType.progressing, .false, Reason.deleting, "no cloud resources left")
        if input.cluster.metadata.finalizers?.contains(Cluster.finalizer) == true {
            action = .removeFinalizer
        }
    }

    // MARK: Invalid spec

    mutating func reject(_ errors: [FieldError]) {
        set(ConditionType.accepted, .false, Reason.invalidSpec, errors.map(\.description).joined(separator: "; "))
        if status.phase == nil { status.phase = .pending }
        // The last accepted TTL still holds: a spec that turned invalid must not keep a cluster alive forever.
        if let expiresAt = status.expiresAt {
            if now >= expiresAt {
                set(ConditionType.expiring, .true, Reason.expired, "the TTL ran out at \(expiresAt); deleting the cluster")
                action = .delete(reason: Reason.expired)
            } else {
                requeue(inSeconds: expiresAt.seconds(since: now))
            }
        }
    }

    // MARK: TTL

    /// Sets the Expiring condition; returns true when the TTL has run out and the cluster is to be deleted.
    mutating func enforceTTL(_ input: PlanInput, profile: Profile) -> Bool {
        let created = input.cluster.metadata.creationTimestamp ?? now
        let ttl = input.cluster.spec.ttl ?? .hours(profile.lifecycle.defaultTTLHours)
        let expiresAt = created.adding(seconds: ttl.seconds)
        status.expiresAt = expiresAt
        let warnAt = expiresAt.adding(seconds: -Int64(profile.lifecycle.warnBeforeDestroyHours) * 3600)
        if now >= expiresAt {
            set(ConditionType.expiring, .true, Reason.expired, "the TTL of \(ttl.text) ran out at \(expiresAt); deleting the cluster")
            action = .delete(reason: Reason.expired)
            return true
        }
        if now >= warnAt {
            set(ConditionType.expiring, .true, Reason.expiresSoon,
                "the cluster will be destroyed when its TTL runs out at \(expiresAt); raise spec.ttl to keep it")
        } else {
            // The message depends on expiresAt alone: skip formatting it when neither changed (the steady state).
            let current = status.conditions.condition(ConditionType.expiring)
            if input.cluster.status?.expiresAt != expiresAt || current?.reason != Reason.withinTTL
                || current?.status != .false || current?.observedGeneration != generation {
                set(ConditionType.expiring, .false, Reason.withinTTL, "expires at \(expiresAt)")
            }
            requeue(inSeconds: warnAt.seconds(since: now))
        }
        requeue(inSeconds: expiresAt.seconds(since: now))
        return false
    }

    // MARK: Hibernation schedules

    /// The power state to converge to, from `spec.powerState`, the schedules and an override; writes the next
    /// transition into status and looks again at it.
    mutating func desiredPowerState(_ input: PlanInput, profile: Profile) -> PowerState {
        let spec = input.cluster.spec
        guard spec.hibernation != nil || profile.hibernation?.schedules?.isEmpty == false else {
            status.hibernation = nil
            return spec.powerState ?? .running
        }
        let plan = HibernationPlan(spec: spec, profile: profile, now: now)
        status.hibernation = plan.next.map { HibernationStatus(nextTransition: $0) }
        if let next = plan.next { requeue(inSeconds: next.at.seconds(since: now)) }
        return plan.desired
    }

    // MARK: Operation in flight

    mutating func waitFor(_ operation: Operation, desiredWorkers: Int) {
        requeueSoon()
        switch operation.type {
        case .create:
            status.phase = .provisioning
            set(ConditionType.provisioned, .false, Reason.installing, "installing \(infraID) (attempt \(attempts))")
            health(ready: (.false, Reason.installing, "the cluster is being installed"),
                   progressing: (.true, Reason.installing, "installing \(infraID) (attempt \(attempts))"))
        case .scaleWorkers:
            status.phase = .running
            health(ready: (.false, Reason.scalingWorkers, "scaling workers to \(desiredWorkers)"),
                   progressing: (.true, Reason.scalingWorkers, "scaling workers to \(desiredWorkers)"))
        case .hibernate:
            status.phase = .hibernating
            health(ready: (.false, Reason.hibernating, "stopping instances"),
                   progressing: (.true, Reason.hibernating, "stopping instances"))
        case .resume:
            status.phase = .resuming
            health(ready: (.false, Reason.resuming, "starting instances"),
                   progressing: (.true, Reason.resuming, "starting instances"))
        case .destroy:
            status.phase = .provisioning
            health(ready: (.false, Reason.cleaningUp, "removing what a failed install left behind"),
                   progressing: (.true, Reason.cleaningUp, "removing what a failed install left behind"))
        }
    }

    // MARK: Not installed

    mutating func provision(_ input: PlanInput, profile: Profile) {
        let provisioned = status.conditions.condition(ConditionType.provisioned)
        if let operation = input.operation, operation.type == .create, operation.state == .failed {
            set(ConditionType.provisioned, .false, Reason.provisionFailed, failureMessage(operation))
        }
        // Attempts are reset by a new generation, which retries at once.
        let failedBefore = status.conditions.condition(ConditionType.provisioned)?.reason == Reason.provisionFailed
        if failedBefore, attempts > 0 {
            let limit = profile.lifecycle.provisionAttemptLimit
            let lastError = input.operation?.error ?? "install failed"
            if attempts >= limit {
                status.phase = .failed
                health(ready: (.false, Reason.provisionFailed, "gave up after \(attempts) attempts: \(lastError)"),
                       progressing: (.false, Reason.provisionFailed, "no further attempts until the spec changes"),
                       degraded: (.true, Reason.provisionFailed, "gave up after \(attempts) attempts: \(lastError)"))
                return
            }
            if let observed = input.observed {
                cleanUp(observed, input)
                return
            }
            let finished = input.operation?.finishedAt ?? now
            let retryAt = finished.adding(seconds: config.backoffSeconds(afterAttempt: attempts))
            if now < retryAt {
                status.phase = .provisioning
                health(ready: (.false, Reason.backingOff, "attempt \(attempts) of \(limit) failed: \(lastError)"),
                       progressing: (.true, Reason.backingOff, "next attempt at \(retryAt)"),
                       degraded: (.true, Reason.provisionFailed, "attempt \(attempts) of \(limit) failed: \(lastError)"))
                requeue(inSeconds: retryAt.seconds(since: now))
                return
            }
        }
        if let observed = input.observed {
            // Resources without a finished install or a running operation: an interrupted attempt.
            cleanUp(observed, input)
            return
        }
        let vanished = provisioned?.status == .true
        if vanished { status.provisionAttempts = nil }
        status.provisionAttempts = attempts + 1
        status.phase = .provisioning
        action = .create(infraID: infraID)
        set(ConditionType.provisioned, .false, Reason.installing, "installing \(infraID) (attempt \(attempts))")
        health(ready: (.false, Reason.installing, "the cluster is being installed"),
               progressing: (.true, Reason.installing, "installing \(infraID) (attempt \(attempts))"),
               degraded: vanished
                   ? (.true, Reason.clusterVanished, "the cloud no longer has \(infraID); creating it again")
                   : (.false, Reason.asExpected, "no problems found"))
        requeueSoon()
    }

    func failureMessage(_ operation: Operation) -> String {
        "attempt \(attempts) failed: \(operation.error ?? "install failed")"
    }

    mutating func cleanUp(_ observed: ObservedCluster, _ input: PlanInput) {
        status.phase = .provisioning
        let degraded = failedDestroy(input).map { (ConditionStatus.true, Reason.operationFailed, $0) }
            ?? (.false, Reason.asExpected, "no problems found")
        if let wait = backoffRemaining(input, after: .destroy) {
            health(ready: (.false, Reason.cleaningUp, "removing what a failed install left behind"),
                   progressing: (.true, Reason.backingOff, "destroy failed; retrying at \(now.adding(seconds: wait))"), degraded: degraded)
            requeue(inSeconds: wait)
            return
        }
        action = .destroy(infraID: observed.infraID, reason: .leftovers)
        health(ready: (.false, Reason.cleaningUp, "removing what a failed install left behind"),
               progressing: (.true, Reason.cleaningUp, "removing \(observed.resourceCount) resources of \(observed.infraID) before the next attempt"),
               degraded: degraded)
        requeueSoon()
    }

    /// "Destroy failed: …" when the latest operation is a failed destroy.
    func failedDestroy(_ input: PlanInput) -> String? {
        guard let operation = input.operation, operation.type == .destroy, operation.state == .failed else { return nil }
        return "Destroy failed: \(operation.error ?? "unknown error")"
    }

    // MARK: Installed

    mutating func converge(_ input: PlanInput, observed: ObservedCluster, profile: Profile, powerState: PowerState) {
        let spec = input.cluster.spec
        if status.apiURL == nil || status.consoleURL == nil || observed.apiURL != nil {
            let name = input.cluster.metadata.name
            let domain = spec.baseDomain ?? profile.baseDomains.default
            status.apiURL = observed.apiURL ?? "https://api.\(name).\(domain):6443"
            status.consoleURL = observed.consoleURL ?? "https://console-openshift-console.apps.\(name).\(domain)"
        }
        set(ConditionType.provisioned, .true, Reason.installed, "the install finished")
        let desired = spec.workers ?? profile.compute.workers.replicas
        status.workers = WorkerStatus(desired: desired, ready: observed.poweredOn ? observed.workersReady : 0)
        let degraded = failedDegradation(input)

        if powerState == .hibernating {
            if observed.poweredOn {
                if deferRetry(input, of: .hibernate) { return }
                status.phase = .hibernating
                action = .hibernate
                health(ready: (.false, Reason.hibernating, "stopping instances"),
                       progressing: (.true, Reason.hibernating, "stopping instances"), degraded: degraded)
                requeueSoon()
            } else {
                status.phase = .hibernated
                let resume = spec.powerState == .hibernating ? "set spec.powerState to Running to resume"
                    : status.hibernation?.nextTransition.map { "resumes at \($0.at)" } ?? "held by spec.hibernation"
                health(ready: (.false, Reason.hibernated, "hibernated; \(resume)"),
                       progressing: (.false, Reason.hibernated, "hibernated"), degraded: degraded)
                requeueStable()
            }
            return
        }
        if !observed.poweredOn {
            if deferRetry(input, of: .resume) { return }
            status.phase = .resuming
            action = .resume
            health(ready: (.false, Reason.resuming, "starting instances"),
                   progressing: (.true, Reason.resuming, "starting instances"), degraded: degraded)
            requeueSoon()
            return
        }
        if observed.workersReady != desired {
            if deferRetry(input, of: .scaleWorkers) { return }
            status.phase = .running
            action = .scaleWorkers(desired)
            let message = "scaling workers from \(observed.workersReady) to \(desired)"
            health(ready: (.false, Reason.scalingWorkers, message),
                   progressing: (.true, Reason.scalingWorkers, message), degraded: degraded)
            requeueSoon()
            return
        }
        status.phase = .running
        health(ready: (.true, Reason.clusterRunning, "\(observed.controlPlaneReady) control plane, \(observed.workersReady) workers ready"),
               progressing: (.false, Reason.reconciled, "the cloud matches the spec"))
        requeueStable()
    }

    /// Degraded=True with the error of the last operation when it failed.
    func failedDegradation(_ input: PlanInput) -> (ConditionStatus, String, String) {
        if let operation = input.operation, operation.state == .failed, operation.type != .create {
            return (.true, Reason.operationFailed, "\(operation.type.rawValue) failed: \(operation.error ?? "unknown error")")
        }
        return (.false, Reason.asExpected, "no problems found")
    }

    /// Waits out the backoff when the last operation of this type failed; returns true while waiting.
    mutating func deferRetry(_ input: PlanInput, of type: OperationType) -> Bool {
        guard let wait = backoffRemaining(input, after: type) else { return false }
        let error = input.operation?.error ?? "unknown error"
        health(ready: (.false, Reason.operationFailed, "\(type.rawValue) failed: \(error)"),
               progressing: (.true, Reason.backingOff, "retrying \(type.rawValue) at \(now.adding(seconds: wait))"),
               degraded: (.true, Reason.operationFailed, "\(type.rawValue) failed: \(error)"))
        requeue(inSeconds: wait)
        return true
    }

    /// Seconds left to wait when the latest operation is a failed one of this type.
    func backoffRemaining(_ input: PlanInput, after type: OperationType) -> Int64? {
        guard let operation = input.operation, operation.type == type, operation.state == .failed else { return nil }
        let retryAt = (operation.finishedAt ?? operation.startedAt).adding(seconds: config.backoffSeconds(afterAttempt: operation.attempt))
        return now < retryAt ? retryAt.seconds(since: now) : nil
    }
}
