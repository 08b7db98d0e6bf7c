import OCPModel
import Testing

/// The infraID in status is the cloud's: a real installer chooses its own, which replaces the one derived from the uid.
@Suite("Planner: the cloud's infraID")
struct PlannerInfraIDTests {
    @Test("status.infraID follows what the cloud observes, and stays when nothing is observed")
    func followsTheCloud() {
        var cluster = Fixtures.cluster()
        let derived = InfraID.make(name: cluster.metadata.name, uid: cluster.metadata.uid ?? cluster.metadata.name)
        let first = Planner.plan(PlanInput(cluster: cluster, profile: Fixtures.minimalProfile, observed: nil, operation: nil,
                                           now: Fixtures.time(plusSeconds: 10)))
        #expect(first.status.infraID == derived)
        cluster.status = first.status
        let observed = ObservedCluster(infraID: "team-a-test-01-x7k2q", installed: false, controlPlaneReady: 0, workersReady: 0, resourceCount: 2)
        let second = Planner.plan(PlanInput(cluster: cluster, profile: Fixtures.minimalProfile, observed: observed, operation: nil,
                                            now: Fixtures.time(plusSeconds: 20)))
        #expect(second.status.infraID == "team-a-test-01-x7k2q")
        #expect(second.action == .destroy(infraID: "team-a-test-01-x7k2q", reason: .leftovers))
        cluster.status = second.status
        let third = Planner.plan(PlanInput(cluster: cluster, profile: Fixtures.minimalProfile, observed: nil, operation: nil,
                                           now: Fixtures.time(plusSeconds: 30)))
        #expect(third.status.infraID == "team-a-test-01-x7k2q")
    }
}
