import PropertyBased
import Testing
import OCPModel

/// Random specs, observations and operations: the planner's invariants hold for all of them.
@Suite("Planner properties")
struct PlannerPropertyTests {
    static let infraID = InfraID.make(name: "team-a-test-01", uid: "uid-team-a-test-01")

    /// A cluster with a random spec, generation, status and deletion state.
    static let clusters = zip(
        Gen.int(in: -2...6),           // workers (outside 0...3 is invalid)
        Gen.int(in: 0...3),            // power state: running, hibernating, invalid, unset
        Gen.int(in: 1...4),            // generation
        Gen.int(in: 0...5),            // observedGeneration already in status
        Gen.int(in: 0...3),            // attempts so far
        Gen.int(in: 0...7)             // ttl choice and deletion
    ).map { workers, power, generation, seen, attempts, ttlChoice -> Cluster in
        var cluster = Fixtures.cluster(
            workers: workers,
            ttl: ["1h", "24h", "80h", nil][ttlChoice % 4],
            powerState: [.running, .hibernating, PowerState(rawValue: "Off"), nil][power],
            generation: Int64(generation))
        var status = ClusterStatus()
        status.observedGeneration = seen == 0 ? nil : Int64(seen)
        status.provisionAttempts = attempts
        if attempts > 0 {
            status.conditions.set(ConditionType.provisioned, .false, reason: Reason.provisionFailed,
                                  message: "failed", observedGeneration: 1, now: Fixtures.created)
        }
        cluster.status = status
        if ttlChoice >= 4 { cluster.metadata.deletionTimestamp = Fixtures.time(plusSeconds: 30) }
        return cluster
    }

    /// Nothing, leftovers, or an installed cluster in some power and worker state.
    static let observations = zip(Gen.int(in: 0...3), Gen.int(in: 0...4)).map { kind, workers -> ObservedCluster? in
        switch kind {
        case 0: nil
        case 1: ObservedCluster(infraID: infraID, installed: false, controlPlaneReady: 0, workersReady: 0, resourceCount: 3)
        case 2: Fixtures.installed(infraID, workers: workers)
        default: Fixtures.installed(infraID, workers: workers, poweredOn: false)
        }
    }

    /// No operation, or one of any type in any state.
    static let operations = zip(Gen.int(in: 0...5), Gen.int(in: 0...2), Gen.int(in: 1...4)).map { type, state, attempt -> Operation? in
        guard type < OperationType.allCases.count else { return nil }
        let operationState = OperationState.allCases[state]
        return Operation(id: "op", clusterUID: "uid-team-a-test-01", type: OperationType.allCases[type], state: operationState,
                         attempt: attempt, generation: 1, startedAt: Fixtures.time(plusSeconds: 10),
                         finishedAt: operationState == .running ? nil : Fixtures.time(plusSeconds: 20), error: "boom")
    }

    static let instants = Gen.int(in: 0...(100 * 3600)).map { Fixtures.time(plusSeconds: Int64($0)) }

    static func input(_ cluster: Cluster, _ observed: ObservedCluster?, _ operation: Operation?, _ now: Timestamp) -> PlanInput {
        PlanInput(cluster: cluster, profile: Fixtures.minimalProfile, observed: observed, operation: operation, now: now)
    }

    static func isInvalid(_ cluster: Cluster) -> Bool {
        var defaulted = cluster
        defaulted.spec = cluster.spec.defaulted(by: Fixtures.minimalProfile)
        return !ClusterPolicy.validate(defaulted, profile: Fixtures.minimalProfile).isEmpty
    }

    @Test("the same input always gives the same plan")
    func deterministic() async {
        await propertyCheck(count: 500, input: Self.clusters, Self.observations, Self.operations, Self.instants) { cluster, observed, operation, now in
            let input = Self.input(cluster, observed, operation, now)
            #expect(Planner.plan(input) == Planner.plan(input))
        }
    }

    @Test("a cloud operation is never started while another one runs")
    func oneOperationAtATime() async {
        await propertyCheck(count: 500, input: Self.clusters, Self.observations, Self.operations, Self.instants) { cluster, observed, operation, now in
            let plan = Planner.plan(Self.input(cluster, observed, operation, now))
            if operation?.state == .running {
                #expect(plan.action?.operationType == nil)
            }
        }
    }

    @Test("Create is never chosen while the cloud has anything for the cluster")
    func neverCreatesOverObserved() async {
        await propertyCheck(count: 500, input: Self.clusters, Self.observations, Self.operations, Self.instants) { cluster, observed, operation, now in
            let plan = Planner.plan(Self.input(cluster, observed, operation, now))
            if observed != nil, case .create = plan.action {
                Issue.record("created over an observed cluster")
            }
        }
    }

    @Test("an invalid spec is never acted on (deletion and an expired TTL aside)")
    func neverActsOnInvalid() async {
        await propertyCheck(count: 500, input: Self.clusters, Self.observations, Self.operations, Self.instants) { cluster, observed, operation, now in
            guard cluster.metadata.deletionTimestamp == nil, Self.isInvalid(cluster) else { return }
            let plan = Planner.plan(Self.input(cluster, observed, operation, now))
            #expect(plan.action == nil)
            #expect(plan.status.conditions.condition(ConditionType.accepted)?.status == .false)
        }
    }

    @Test("observedGeneration never moves backwards and reaches the generation")
    func observedGenerationMonotonic() async {
        await propertyCheck(count: 500, input: Self.clusters, Self.observations, Self.operations, Self.instants) { cluster, observed, operation, now in
            let plan = Planner.plan(Self.input(cluster, observed, operation, now))
            let before = cluster.status?.observedGeneration ?? 0
            let after = plan.status.observedGeneration ?? 0
            #expect(after >= before)
            #expect(after >= cluster.metadata.generation ?? 1)
            for condition in plan.status.conditions {
                #expect((condition.observedGeneration ?? 0) <= after)
            }
        }
    }

    @Test("planning again on the planner's own status leaves every lastTransitionTime unchanged")
    func fixedPoint() async {
        await propertyCheck(count: 300, input: Self.clusters, Self.observations, Self.instants) { cluster, observed, now in
            let first = Planner.plan(Self.input(cluster, observed, nil, now))
            guard first.action == nil else { return }
            var next = cluster
            next.status = first.status
            let second = Planner.plan(Self.input(next, observed, nil, now.adding(seconds: 1)))
            #expect(second.status.conditions.map(\.lastTransitionTime) == first.status.conditions.map(\.lastTransitionTime))
        }
    }
}
