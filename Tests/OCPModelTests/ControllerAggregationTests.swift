import Testing
import OCPModel

@Suite("Controller reports aggregated into status, filtered by generation")
struct ControllerAggregationTests {
    let t0 = Timestamp(secondsSinceEpoch: 1000)
    let t1 = Timestamp(secondsSinceEpoch: 2000)

    /// ocpctl's own status: Ready at `generation`.
    func ownReady(generation: Int64) -> ClusterStatus {
        var status = ClusterStatus()
        status.observedGeneration = generation
        status.conditions.set(ConditionType.ready, .true, reason: "ClusterRunning", message: "running", observedGeneration: generation, now: t0)
        status.conditions.set(ConditionType.degraded, .false, reason: "AsExpected", message: "", observedGeneration: generation, now: t0)
        return status
    }

    func available(_ name: String, generation: Int64, error: String? = nil) -> ControllerReport {
        ControllerReport(controllerName: name, observedGeneration: generation, conditions: [ReportedCondition(type: "Available", status: .true)],
                         lastError: error.map { ControllerError(message: $0) })
    }

    @Test("Ready when ocpctl is Ready and every required controller is Available at the current generation")
    func allReady() {
        let status = ControllerAggregation.apply(to: ownReady(generation: 2), reports: [available("dns", generation: 2), available("net", generation: 2)],
                                                 required: ["dns", "net"], generation: 2, previous: nil, now: t1)
        #expect(status.conditions.isTrue(ConditionType.ready))
        #expect(status.controllersReady == "2/2")
        #expect(status.controllers?.map(\.controllerName) == ["dns", "net"])
    }

    @Test("a report for an older generation counts as not reconciled, so the cluster is not Ready")
    func staleGeneration() {
        let status = ControllerAggregation.apply(to: ownReady(generation: 3), reports: [available("dns", generation: 2), available("net", generation: 3)],
                                                 required: ["dns", "net", "mon"], generation: 3, previous: nil, now: t1)
        let ready = status.conditions.condition(ConditionType.ready)
        #expect(ready?.status == .false)
        #expect(ready?.reason == ControllerAggregation.notReadyReason)
        #expect(ready?.message == "1/3 controllers ready; waiting for dns (at generation 2 of 3), mon (no report)")
        #expect(status.controllersReady == "1/3")
    }

    @Test("an error makes the cluster Degraded naming the controller, even one not required")
    func errorDegrades() {
        let status = ControllerAggregation.apply(to: ownReady(generation: 1), reports: [available("dns", generation: 1),
                                                                                      available("mon", generation: 1, error: "quota exceeded")],
                                                 required: ["dns"], generation: 1, previous: nil, now: t1)
        #expect(status.conditions.condition(ConditionType.degraded)?.status == .true)
        #expect(status.conditions.condition(ConditionType.degraded)?.message == "controller mon: quota exceeded")
        #expect(status.conditions.condition(ConditionType.ready)?.status == .false)
        #expect(status.controllersReady == "1/2")
    }

    @Test("ocpctl's own Ready=False is never made True by controllers")
    func ownNotReadyWins() {
        var own = ownReady(generation: 1)
        own.conditions.set(ConditionType.ready, .false, reason: "Installing", message: "installing", observedGeneration: 1, now: t0)
        let status = ControllerAggregation.apply(to: own, reports: [available("dns", generation: 1)], required: ["dns"], generation: 1,
                                                 previous: nil, now: t1)
        #expect(status.conditions.condition(ConditionType.ready)?.reason == "Installing")
    }

    @Test("without reports or required controllers the status is ocpctl's own")
    func nothingToAggregate() {
        let own = ownReady(generation: 1)
        #expect(ControllerAggregation.apply(to: own, reports: [], required: [], generation: 1, previous: nil, now: t1) == own)
    }

    @Test("a condition that did not change since the stored status keeps its transition time")
    func keepsTransitionTime() {
        let first = ControllerAggregation.apply(to: ownReady(generation: 1), reports: [], required: ["dns"], generation: 1, previous: nil, now: t0)
        // The planner recomputes Ready=True from scratch at t1; aggregation turns it back to the stored False.
        let again = ControllerAggregation.apply(to: ownReady(generation: 1), reports: [], required: ["dns"], generation: 1, previous: first, now: t1)
        #expect(again.conditions.condition(ConditionType.ready)?.lastTransitionTime == t0)
        #expect(again == first)
    }

    @Test("a Degraded set for a controller error clears once no controller reports one")
    func errorClears() {
        let failed = ControllerAggregation.apply(to: ownReady(generation: 1), reports: [available("dns", generation: 1, error: "boom")],
                                                 required: ["dns"], generation: 1, previous: nil, now: t0)
        var own = ownReady(generation: 1)
        own.conditions = failed.conditions  // a planner that leaves Degraded alone
        let healed = ControllerAggregation.apply(to: own, reports: [available("dns", generation: 1)], required: ["dns"], generation: 1,
                                                 previous: failed, now: t1)
        #expect(healed.conditions.condition(ConditionType.degraded)?.status == .false)
    }
}
