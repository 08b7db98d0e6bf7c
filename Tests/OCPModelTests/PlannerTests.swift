import Testing
import OCPModel

@Suite("Planner: one decision per case of architecture.md §3")
struct PlannerTests {
    let profile = Fixtures.minimalProfile
    let infraID = InfraID.make(name: "team-a-test-01", uid: "uid-team-a-test-01")

    func plan(_ cluster: Cluster, observed: ObservedCluster? = nil, operation: Operation? = nil,
              at seconds: Int64 = 60, profile: Profile? = Fixtures.minimalProfile, config: PlannerConfig = .standard) -> Plan {
        Planner.plan(PlanInput(cluster: cluster, profile: profile, observed: observed, operation: operation,
                               now: Fixtures.time(plusSeconds: seconds)), config: config)
    }

    func operation(_ type: OperationType, _ state: OperationState, startedAt: Int64 = 10, finishedAt: Int64? = nil,
                   attempt: Int = 1, error: String? = nil) -> Operation {
        Operation(id: "op-\(type.rawValue)", clusterUID: "uid-team-a-test-01", type: type, state: state, attempt: attempt,
                  generation: 1, startedAt: Fixtures.time(plusSeconds: startedAt),
                  finishedAt: finishedAt.map { Fixtures.time(plusSeconds: $0) }, error: error)
    }

    /// The cluster as the reconciler would store it after writing this plan's status.
    func applying(_ plan: Plan, to cluster: Cluster) -> Cluster {
        var next = cluster
        next.status = plan.status
        return next
    }

    /// A cluster whose status says it is installed and running.
    func running(workers: Int = 0, powerState: PowerState? = nil) -> Cluster {
        let cluster = Fixtures.cluster(workers: workers, powerState: powerState)
        return applying(plan(cluster, observed: Fixtures.installed(infraID, workers: workers)), to: cluster)
    }

    @Test("a new cluster gives Create")
    func newCluster() {
        let result = plan(Fixtures.cluster())
        #expect(result.action == .create(infraID: infraID))
        #expect(result.status.phase == .provisioning)
        #expect(result.status.provisionAttempts == 1)
        #expect(result.status.observedGeneration == 1)
        #expect(result.status.conditions.isTrue(ConditionType.accepted))
        #expect(result.status.conditions.condition(ConditionType.progressing)?.status == .true)
        #expect(infraID.hasPrefix("team-a-test-01-") && infraID.count == 20)
    }

    @Test("an install in progress gives no action, with Progressing=True")
    func installInProgress() {
        let cluster = applying(plan(Fixtures.cluster()), to: Fixtures.cluster())
        let partial = ObservedCluster(infraID: infraID, installed: false, controlPlaneReady: 0, workersReady: 0, resourceCount: 4)
        let result = plan(cluster, observed: partial, operation: operation(.create, .running), at: 120)
        #expect(result.action == nil)
        #expect(result.status.phase == .provisioning)
        #expect(result.status.conditions.condition(ConditionType.progressing)?.status == .true)
        #expect(result.status.conditions.condition(ConditionType.progressing)?.reason == Reason.installing)
        #expect(result.status.lastOperation?.state == .running)
    }

    @Test("a running cluster whose worker count differs gives ScaleWorkers; then Ready again")
    func scale() throws {
        var cluster = running()
        #expect(cluster.status?.conditions.isTrue(ConditionType.ready) == true)
        cluster.spec.workers = 2
        cluster.metadata.generation = 2
        let result = plan(cluster, observed: Fixtures.installed(infraID, workers: 0))
        #expect(result.action == .scaleWorkers(2))
        #expect(result.status.conditions.condition(ConditionType.ready)?.status == .false)
        #expect(result.status.observedGeneration == 2)
        let done = plan(applying(result, to: cluster), observed: Fixtures.installed(infraID, workers: 2), at: 200)
        #expect(done.action == nil)
        #expect(done.status.conditions.isTrue(ConditionType.ready))
        #expect(done.status.conditions.condition(ConditionType.ready)?.observedGeneration == 2)
        #expect(done.status.workers == WorkerStatus(desired: 2, ready: 2))
    }

    @Test("hibernate, hibernated, then resume")
    func hibernateAndResume() {
        var cluster = running()
        cluster.spec.powerState = .hibernating
        let hibernate = plan(cluster, observed: Fixtures.installed(infraID))
        #expect(hibernate.action == .hibernate)
        #expect(hibernate.status.phase == .hibernating)
        cluster = applying(hibernate, to: cluster)
        let hibernated = plan(cluster, observed: Fixtures.installed(infraID, poweredOn: false), at: 300)
        #expect(hibernated.action == nil)
        #expect(hibernated.status.phase == .hibernated)
        cluster = applying(hibernated, to: cluster)
        cluster.spec.powerState = .running
        let resume = plan(cluster, observed: Fixtures.installed(infraID, poweredOn: false), at: 400)
        #expect(resume.action == .resume)
        #expect(resume.status.phase == .resuming)
    }

    @Test("a TTL in the future gives a requeue no later than expiresAt (and the warning time)")
    func ttlFuture() throws {
        let slow = PlannerConfig(attentionInterval: .seconds(86_400), stableInterval: .seconds(86_400))
        let cluster = Fixtures.cluster(ttl: "3h")
        let early = plan(cluster, observed: Fixtures.installed(infraID), at: 600, config: slow)
        let expiresAt = try #require(early.status.expiresAt)
        #expect(expiresAt == Fixtures.time(plusSeconds: 3 * 3600))
        // Warned two hours before: at +1h, 50 minutes after +10m.
        #expect(try #require(early.requeueAfter) <= .seconds(3000))
        let late = plan(applying(early, to: cluster), observed: Fixtures.installed(infraID), at: 2 * 3600 + 1800, config: slow)
        #expect(try #require(late.requeueAfter) <= .seconds(1800))
        #expect(late.action == nil)
    }

    @Test("inside warnBeforeDestroyHours a condition warns before the destroy")
    func warning() {
        let cluster = running()
        let result = plan(cluster, observed: Fixtures.installed(infraID), at: 23 * 3600)
        let expiring = result.status.conditions.condition(ConditionType.expiring)
        #expect(expiring?.status == .true)
        #expect(expiring?.reason == Reason.expiresSoon)
        #expect(result.action == nil)
        let before = plan(cluster, observed: Fixtures.installed(infraID), at: 3600)
        #expect(before.status.conditions.condition(ConditionType.expiring)?.status == .false)
    }

    @Test("a TTL in the past gives deletion, with reason Expired")
    func ttlPast() {
        let result = plan(running(), observed: Fixtures.installed(infraID), at: 24 * 3600)
        #expect(result.action == .delete(reason: "Expired"))
        #expect(result.status.conditions.condition(ConditionType.expiring)?.reason == Reason.expired)
    }

    @Test("deletionTimestamp gives Destroy, waits for it, then removes the finalizer once nothing is observed")
    func deletion() {
        var cluster = running()
        cluster.metadata.deletionTimestamp = Fixtures.time(plusSeconds: 500)
        let destroy = plan(cluster, observed: Fixtures.installed(infraID), at: 600)
        #expect(destroy.action == .destroy(infraID: infraID, reason: .deletion))
        #expect(destroy.status.phase == .destroying)
        cluster = applying(destroy, to: cluster)
        let waiting = plan(cluster, observed: Fixtures.installed(infraID), operation: operation(.destroy, .running, startedAt: 600), at: 610)
        #expect(waiting.action == nil)
        let gone = plan(cluster, observed: nil, operation: operation(.destroy, .succeeded, startedAt: 600, finishedAt: 700), at: 710)
        #expect(gone.action == .removeFinalizer)
        cluster.metadata.finalizers = []
        #expect(plan(cluster, observed: nil, at: 720).action == nil)
    }

    @Test("a deletion waits for a running operation of another type to finish")
    func deletionWaits() {
        var cluster = Fixtures.cluster()
        cluster.metadata.deletionTimestamp = Fixtures.time(plusSeconds: 30)
        let result = plan(cluster, observed: nil, operation: operation(.create, .running))
        #expect(result.action == nil)
        #expect(result.status.conditions.condition(ConditionType.progressing)?.reason == Reason.waitingForOperation)
    }

    /// The status after attempt `attempts` of create failed at +100s.
    func failedCreate(attempts: Int) -> (Cluster, Operation) {
        var cluster = Fixtures.cluster()
        for attempt in 1...attempts {
            let started = plan(cluster, operation: attempt == 1 ? nil : operation(.create, .failed, finishedAt: 100, error: "quota exceeded"),
                               at: 100 + PlannerConfig.standard.backoffSeconds(afterAttempt: attempt - 1) + 1)
            cluster = applying(started, to: cluster)
        }
        return (cluster, operation(.create, .failed, finishedAt: 100, attempt: attempts, error: "quota exceeded"))
    }

    @Test("a failed create gives a backoff requeue, then a new attempt")
    func backoff() throws {
        let (cluster, failed) = failedCreate(attempts: 1)
        #expect(cluster.status?.provisionAttempts == 1)
        let waiting = plan(cluster, observed: nil, operation: failed, at: 110)
        #expect(waiting.action == nil)
        #expect(waiting.requeueAfter == .seconds(20))
        #expect(waiting.status.conditions.condition(ConditionType.provisioned)?.reason == Reason.provisionFailed)
        #expect(waiting.status.conditions.condition(ConditionType.degraded)?.status == .true)
        let retry = plan(applying(waiting, to: cluster), observed: nil, operation: failed, at: 131)
        #expect(retry.action == .create(infraID: infraID))
        #expect(retry.status.provisionAttempts == 2)
    }

    @Test("leftovers of a failed attempt are destroyed before a retry")
    func leftovers() {
        let (cluster, failed) = failedCreate(attempts: 1)
        let leftovers = ObservedCluster(infraID: infraID, installed: false, controlPlaneReady: 0, workersReady: 0, resourceCount: 3)
        let result = plan(cluster, observed: leftovers, operation: failed, at: 110)
        #expect(result.action == .destroy(infraID: infraID, reason: .leftovers))
        #expect(result.status.phase == .provisioning)
    }

    @Test("reaching the attempt limit gives phase Failed and no action")
    func attemptLimit() {
        let (cluster, failed) = failedCreate(attempts: profile.lifecycle.provisionAttemptLimit)
        #expect(cluster.status?.provisionAttempts == 3)
        let result = plan(cluster, observed: nil, operation: failed, at: 5000)
        #expect(result.action == nil)
        #expect(result.status.phase == .failed)
        #expect(result.status.conditions.condition(ConditionType.ready)?.reason == Reason.provisionFailed)
    }

    @Test("a new generation resets the attempts")
    func newGenerationResets() {
        let (failedCluster, failed) = failedCreate(attempts: 3)
        var cluster = applying(plan(failedCluster, observed: nil, operation: failed, at: 5000), to: failedCluster)
        #expect(cluster.status?.phase == .failed)
        cluster.spec.workers = 1
        cluster.metadata.generation = 2
        let result = plan(cluster, observed: nil, operation: failed, at: 5001)
        #expect(result.action == .create(infraID: infraID))
        #expect(result.status.provisionAttempts == 1)
    }

    @Test("an invalid spec gives Accepted=False and no action")
    func invalidSpec() {
        let result = plan(Fixtures.cluster(workers: 9))
        #expect(result.action == nil)
        let accepted = result.status.conditions.condition(ConditionType.accepted)
        #expect(accepted?.status == .false)
        #expect(accepted?.reason == Reason.invalidSpec)
        #expect(accepted?.message.contains("spec.workers") == true)
        #expect(result.status.phase == .pending)
        #expect(plan(Fixtures.cluster(), profile: nil).action == nil)
    }

    @Test("a cluster that vanished out of band is created again")
    func vanished() {
        let cluster = running()
        let result = plan(cluster, observed: nil, operation: operation(.create, .succeeded, finishedAt: 50), at: 1000)
        #expect(result.action == .create(infraID: infraID))
        #expect(result.status.conditions.condition(ConditionType.degraded)?.reason == Reason.clusterVanished)
        #expect(result.status.provisionAttempts == 1)
    }

    @Test("drifted workers are scaled back")
    func driftedWorkers() {
        let cluster = running(workers: 2)
        let result = plan(cluster, observed: Fixtures.installed(infraID, workers: 1), at: 1000)
        #expect(result.action == .scaleWorkers(2))
    }

    @Test("a no-op reconcile leaves every lastTransitionTime unchanged")
    func noOp() throws {
        let cluster = running()
        let first = plan(cluster, observed: Fixtures.installed(infraID), at: 100)
        let second = plan(applying(first, to: cluster), observed: Fixtures.installed(infraID), at: 5000)
        #expect(second.action == nil)
        #expect(second.status == first.status)
        let times = second.status.conditions.map(\.lastTransitionTime)
        #expect(times == cluster.status?.conditions.map(\.lastTransitionTime))
    }

    @Test("a failed scale backs off before trying again")
    func failedScaleBacksOff() {
        let cluster = running(workers: 2)
        let failed = operation(.scaleWorkers, .failed, startedAt: 900, finishedAt: 910, error: "capacity")
        let waiting = plan(cluster, observed: Fixtures.installed(infraID, workers: 1), operation: failed, at: 920)
        #expect(waiting.action == nil)
        #expect(waiting.status.conditions.condition(ConditionType.degraded)?.status == .true)
        let retry = plan(cluster, observed: Fixtures.installed(infraID, workers: 1), operation: failed, at: 941)
        #expect(retry.action == .scaleWorkers(2))
    }
}
