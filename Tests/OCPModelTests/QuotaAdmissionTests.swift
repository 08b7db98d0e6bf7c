import Testing
import OCPModel

@Suite("Team quotas: usage and admission")
struct QuotaAdmissionTests {
    let profiles = ProfileCatalog([Fixtures.minimalProfile])

    func cluster(_ name: String, workers: Int, phase: ClusterPhase? = nil, hibernating: Bool = false, deleting: Bool = false) -> Cluster {
        var status: ClusterStatus?
        if let phase {
            status = ClusterStatus()
            status?.phase = phase
        }
        var cluster = Fixtures.cluster(name: name, workers: workers, powerState: hibernating ? .hibernating : nil, status: status)
        if deleting { cluster.metadata.deletionTimestamp = Fixtures.time(plusSeconds: 0) }
        return cluster
    }

    @Test("usage counts live clusters, creates in flight, workers, and hibernated ones at their hibernated share")
    func usage() {
        let cost = Fixtures.minimalProfile.costControls.estimatedHourlyCost
        let used = QuotaAdmission.usage(of: [
            cluster("new", workers: 1), cluster("installing", workers: 2, phase: .provisioning), cluster("up", workers: 3, phase: .running),
            cluster("asleep", workers: 1, phase: .hibernated, hibernating: true), cluster("going", workers: 5, phase: .destroying, deleting: true),
        ], profiles: profiles)
        #expect(used.activeClusters == 4 && used.concurrentCreates == 2 && used.workerNodes == 7)
        #expect(abs(used.hourlyCost - (3 * cost + cost * 0.1)) < 0.000_001)
    }

    @Test("each limit refuses what would pass it, naming requested, used and limited; what fits passes")
    func limits() throws {
        let existing = [cluster("a", workers: 2, phase: .running), cluster("b", workers: 1)]
        let next = cluster("c", workers: 2)
        #expect(throws: Never.self) {
            try QuotaAdmission.check(next, existing: existing, limits: QuotaLimits(maxActiveClusters: 3, maxWorkerNodes: 5), profiles: profiles)
        }
        let refused = #expect(throws: QuotaExceeded.self) {
            try QuotaAdmission.check(next, existing: existing, limits: QuotaLimits(maxConcurrentCreates: 1, maxWorkerNodes: 4), profiles: profiles)
        }
        #expect(refused?.message == "exceeded quota: team-a, requested: concurrentCreates=1,workerNodes=2, used: concurrentCreates=1,workerNodes=3, limited: concurrentCreates=1,workerNodes=4")
        let cost = Fixtures.minimalProfile.costControls.estimatedHourlyCost
        let costly = #expect(throws: QuotaExceeded.self) {
            try QuotaAdmission.check(next, existing: existing, limits: QuotaLimits(maxHourlyCost: cost * 2.5), profiles: profiles)
        }
        #expect(costly?.message.contains("hourlyCost=") == true)
        #expect(QuotaLimits(maxActiveClusters: -1, maxHourlyCost: .infinity).validate().map(\.field) == ["spec.maxActiveClusters", "spec.maxHourlyCost"])
    }
}
