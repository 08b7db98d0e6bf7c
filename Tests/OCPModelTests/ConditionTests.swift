import Testing
import OCPModel

@Suite("Conditions, in the manner of meta.SetStatusCondition")
struct ConditionTests {
    let t0 = Timestamp(secondsSinceEpoch: 1000)
    let t1 = Timestamp(secondsSinceEpoch: 2000)

    @Test("set adds a condition with the transition time now")
    func setAdds() {
        var conditions: [Condition] = []
        let changed = conditions.set("Ready", .false, reason: "Installing", message: "m", observedGeneration: 1, now: t0)
        #expect(changed)
        let ready = conditions.condition("Ready")
        #expect(ready?.lastTransitionTime == t0)
        #expect(ready?.observedGeneration == 1)
        #expect(!conditions.isTrue("Ready"))
    }

    @Test("lastTransitionTime moves only when the status flips")
    func transitionTime() {
        var conditions: [Condition] = []
        conditions.set("Ready", .false, reason: "Installing", message: "a", observedGeneration: 1, now: t0)
        conditions.set("Ready", .false, reason: "StillInstalling", message: "b", observedGeneration: 2, now: t1)
        #expect(conditions.condition("Ready")?.lastTransitionTime == t0)
        #expect(conditions.condition("Ready")?.reason == "StillInstalling")
        #expect(conditions.condition("Ready")?.observedGeneration == 2)
        conditions.set("Ready", .true, reason: "ClusterRunning", message: "c", observedGeneration: 2, now: t1)
        #expect(conditions.condition("Ready")?.lastTransitionTime == t1)
        #expect(conditions.isTrue("Ready"))
    }

    @Test("setting the same values reports no change")
    func idempotentSet() {
        var conditions: [Condition] = []
        conditions.set("Ready", .true, reason: "R", message: "m", observedGeneration: 1, now: t0)
        let changed = conditions.set("Ready", .true, reason: "R", message: "m", observedGeneration: 1, now: t1)
        #expect(!changed)
        #expect(conditions.count == 1)
    }

    @Test("remove drops only the named condition")
    func remove() {
        var conditions: [Condition] = []
        conditions.set("Ready", .true, reason: "R", message: "m", observedGeneration: 1, now: t0)
        conditions.set("Degraded", .false, reason: "R", message: "m", observedGeneration: 1, now: t0)
        let removed = conditions.remove("Ready")
        let removedAgain = conditions.remove("Ready")
        #expect(removed)
        #expect(!removedAgain)
        #expect(conditions.condition("Ready") == nil)
        #expect(conditions.condition("Degraded") != nil)
    }
}

@Suite("Cluster conditions at the current generation")
struct ClusterConditionTests {
    @Test("Ready counts only when computed from the current generation")
    func readyAtGeneration() {
        var cluster = Fixtures.cluster(generation: 2)
        var status = ClusterStatus()
        status.observedGeneration = 1
        status.conditions.set(ConditionType.ready, .true, reason: "ClusterRunning", message: "", observedGeneration: 1, now: Fixtures.created)
        cluster.status = status
        #expect(!cluster.isReady, "Ready from generation 1 says nothing about generation 2")
        cluster.status?.observedGeneration = 2
        cluster.status?.conditions.set(ConditionType.ready, .true, reason: "ClusterRunning", message: "", observedGeneration: 2, now: Fixtures.created)
        #expect(cluster.isReady)
        #expect(!cluster.hasCondition(ConditionType.ready, status: .false))
        #expect(!cluster.hasCondition(ConditionType.degraded))
    }
}
