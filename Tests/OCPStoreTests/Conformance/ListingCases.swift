import OCPModel
@testable import OCPStore
import Testing

extension Conformance {
    static let listing: [ConformanceCase] = [
        ConformanceCase("a list read whole, as when every key scan loses its race with writers, equals the list by keys") { h in
            for index in 0..<7 {
                var changed = try await h.store.createCluster(cluster(String(format: "w%02d", index), namespace: index % 2 == 0 ? "team-a" : "team-b",
                                                                      labels: ["tier": "t\(index % 3)"]), now: h.now)
                if index % 2 == 1 {
                    changed.metadata.labels?["touched"] = "yes"
                    _ = try await h.store.updateCluster(changed, fence: nil)
                }
            }
            let whole = SQLStore(db: h.store.db, logger: h.store.logger, listKeyScanAttempts: 0)
            let queries = [ClusterListQuery(), ClusterListQuery(namespace: "team-b"), ClusterListQuery(selector: try LabelSelector(parsing: "tier=t1")),
                           ClusterListQuery(limit: 2)]
            for query in queries {
                let byKeys = try await h.store.listClusters(query)
                let read = try await whole.listClusters(query)
                #expect(read.items == byKeys.items && read.revision == byKeys.revision && read.continueToken == byKeys.continueToken)
            }
            var paged: [String] = []
            var token: String?
            repeat {
                let page = try await whole.listClusters(ClusterListQuery(limit: 3, continueToken: token))
                paged += page.items.map(\.metadata.name)
                token = page.continueToken
            } while token != nil
            #expect(paged == ["w00", "w02", "w04", "w06", "w01", "w03", "w05"])
            #expect(try await whole.listClusters(ClusterListQuery(namespace: "nobody")).items.isEmpty)
        },
        ConformanceCase("list by namespace or across all, in (namespace, name) order") { h in
            for (namespace, name) in [("team-b", "x"), ("team-a", "b"), ("team-a", "a"), ("team-c", "a2")] {
                _ = try await h.store.createCluster(cluster(name, namespace: namespace, baseDomain: "\(namespace).example.com"), now: h.now)
            }
            let all = try await h.store.listClusters(ClusterListQuery())
            #expect(all.items.map { "\($0.metadata.namespace!)/\($0.metadata.name)" } == ["team-a/a", "team-a/b", "team-b/x", "team-c/a2"])
            #expect(all.continueToken == nil)
            #expect(all.revision == (try await h.store.currentRevision()))
            let teamA = try await h.store.listClusters(ClusterListQuery(namespace: "team-a"))
            #expect(teamA.items.map(\.metadata.name) == ["a", "b"])
            #expect(try await h.store.listClusters(ClusterListQuery(namespace: "nobody")).items.isEmpty)
        },
        ConformanceCase("list filters by label selector, also across pages") { h in
            for index in 0..<12 {
                let labels = ["env": index % 3 == 0 ? "prod" : "dev", "tier": "t\(index % 2)"]
                _ = try await h.store.createCluster(cluster(String(format: "c%02d", index), labels: labels), now: h.now)
            }
            let prod = try LabelSelector(parsing: "env=prod")
            let matched = try await h.store.listClusters(ClusterListQuery(selector: prod)).items.map(\.metadata.name)
            #expect(matched == ["c00", "c03", "c06", "c09"])
            let complex = try LabelSelector(parsing: "env!=prod,tier in (t1)")
            #expect(try await h.store.listClusters(ClusterListQuery(selector: complex)).items.map(\.metadata.name) == ["c01", "c05", "c07", "c11"])
            var paged: [String] = []
            var token: String?
            repeat {
                let page = try await h.store.listClusters(ClusterListQuery(selector: prod, limit: 3, continueToken: token))
                #expect(page.items.count <= 3)
                paged += page.items.map(\.metadata.name)
                token = page.continueToken
            } while token != nil
            #expect(paged == matched)
        },
        ConformanceCase("paging neither skips nor repeats rows while rows are inserted") { h in
            let initial = (0..<60).map { String(format: "c%03d", $0 * 2) }
            for name in initial { _ = try await h.store.createCluster(cluster(name), now: h.now) }
            // Inserts land before, between and after the rows already paged, while the pages are read.
            async let inserted: [String] = {
                var names: [String] = []
                for index in 0..<40 {
                    let name = String(format: "c%03d", (index * 37 % 60) * 2 + 1)
                    _ = try await h.store.createCluster(cluster(name), now: h.now)
                    names.append(name)
                }
                return names
            }()
            var seen: [String] = []
            var token: String?
            repeat {
                let page = try await h.store.listClusters(ClusterListQuery(namespace: "team-a", limit: 7, continueToken: token))
                seen += page.items.map(\.metadata.name)
                token = page.continueToken
            } while token != nil
            #expect(try await inserted.count == 40)
            #expect(Set(seen).count == seen.count, "a row was repeated")
            #expect(Set(initial).isSubset(of: Set(seen)), "a row present at the start was skipped")
            #expect(seen == seen.sorted())
        },
        ConformanceCase("a malformed continue token or limit is invalid") { h in
            await expectStoreError({ try await h.store.listClusters(ClusterListQuery(limit: 5, continueToken: "%%%")) }) {
                if case .invalid = $0 { true } else { false }
            }
            await expectStoreError({ try await h.store.listClusters(ClusterListQuery(limit: 0)) }) {
                if case .invalid = $0 { true } else { false }
            }
        },
    ]
}
