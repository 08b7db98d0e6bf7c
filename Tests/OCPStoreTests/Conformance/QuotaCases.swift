import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let quotas: [ConformanceCase] = [
        ConformanceCase("a team's limits are stored, replaced and removed; another team's are its own") { h in
            #expect(try await h.store.teamQuota(team: "team-a") == nil)
            try await h.store.putTeamQuota(team: "team-a", limits: QuotaLimits(maxActiveClusters: 5, maxHourlyCost: 12.5), now: h.now)
            try await h.store.putTeamQuota(team: "team-b", limits: QuotaLimits(maxWorkerNodes: 3), now: h.now)
            try await h.store.putTeamQuota(team: "team-a", limits: QuotaLimits(maxConcurrentCreates: 2), now: h.now)
            #expect(try await h.store.teamQuota(team: "team-a") == QuotaLimits(maxConcurrentCreates: 2))
            #expect(try await h.store.teamQuota(team: "team-b") == QuotaLimits(maxWorkerNodes: 3))
            try await h.store.deleteTeamQuota(team: "team-a")
            #expect(try await h.store.teamQuota(team: "team-a") == nil)
            await expectStoreError({ try await h.store.deleteTeamQuota(team: "team-a") }) { error in
                if case .notFound(kind: "TeamQuota", name: "team-a") = error { return true }
                return false
            }
        },
        ConformanceCase("20 concurrent creates against a limit of 5 active clusters end with exactly 5; the rest name the limit") { h in
            try await h.store.putTeamQuota(team: "team-a", limits: QuotaLimits(maxActiveClusters: 5), now: h.now)
            let profiles = ProfileCatalog([])
            let store = h.store
            let now = h.now
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await store.createCluster(cluster("q\(index)", baseDomain: "q\(index).example.com"), now: now,
                                                              withinQuotaOf: profiles)
                            return "created"
                        } catch let refusal as QuotaExceeded {
                            return refusal.message
                        } catch {
                            return "unexpected: \(error)"
                        }
                    }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "created" }.count == 5, "\(outcomes)")
            let refusals = outcomes.filter { $0 != "created" }
            #expect(refusals.count == 15 && refusals.allSatisfy {
                $0 == "exceeded quota: team-a, requested: activeClusters=1, used: activeClusters=5, limited: activeClusters=5"
            }, "\(refusals)")
            #expect(try await h.store.listClusters(ClusterListQuery(namespace: "team-a")).items.count == 5)
            // Another team has no limit; a cluster being deleted no longer counts.
            _ = try await h.store.createCluster(cluster("other", namespace: "team-b"), now: now, withinQuotaOf: profiles)
            let first = try #require(try await h.store.listClusters(ClusterListQuery(namespace: "team-a")).items.first)
            _ = try await h.store.deleteCluster(ClusterKey(namespace: "team-a", name: first.metadata.name), resourceVersion: nil, now: now)
            _ = try await h.store.createCluster(cluster("q-after-delete", baseDomain: "after.example.com"), now: now, withinQuotaOf: profiles)
        },
    ]
}
