import Testing
import OCPModel

@Suite("Planner: a cloud that cannot be observed")
struct PlannerUnobservableTests {
    let tests = PlannerTests()

    @Test("Ready turns Unknown and Degraded names the cause; the phase and the rest are kept; recovery clears it")
    func unobservable() {
        let running = tests.running(workers: 2)
        let status = Planner.unobservable(running, reason: "AWS credentials: the security token is expired", now: Fixtures.time(plusSeconds: 90))
        let ready = status.conditions.condition(ConditionType.ready)
        #expect(ready?.status == .unknown && ready?.reason == Reason.cloudUnreachable)
        #expect(ready?.lastTransitionTime == Fixtures.time(plusSeconds: 90), "Ready changed status, so it moved")
        let degraded = status.conditions.condition(ConditionType.degraded)
        #expect(degraded?.status == .true && degraded?.message == "cannot observe the cloud: AWS credentials: the security token is expired")
        #expect(status.phase == running.status?.phase && status.infraID == running.status?.infraID)
        #expect(status.conditions.condition(ConditionType.accepted) == running.status?.conditions.condition(ConditionType.accepted))

        var failing = running
        failing.status = status
        // The same failure again writes nothing new.
        #expect(Planner.unobservable(failing, reason: "AWS credentials: the security token is expired", now: Fixtures.time(plusSeconds: 120)) == status)
        let recovered = tests.plan(failing, observed: Fixtures.installed(tests.infraID, workers: 2), at: 150)
        #expect(recovered.action == nil)
        #expect(recovered.status.conditions.isTrue(ConditionType.ready))
        #expect(recovered.status.conditions.condition(ConditionType.degraded)?.status == .false)
    }
}
