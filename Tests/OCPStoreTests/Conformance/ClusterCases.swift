import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let clusters: [ConformanceCase] = [
        ConformanceCase("create sets server fields and get returns them") { h in
            let created = try await h.store.createCluster(cluster("c1", labels: ["purpose": "ci"]), now: h.now)
            #expect(created.metadata.uid?.isEmpty == false)
            #expect(created.metadata.generation == 1)
            #expect(created.metadata.creationTimestamp == h.now)
            #expect(created.metadata.finalizers == [Cluster.finalizer])
            #expect(created.metadata.deletionTimestamp == nil)
            #expect(Int64(created.metadata.resourceVersion ?? "") ?? 0 > 0)
            let fetched = try await h.store.getCluster(ClusterKey(namespace: "team-a", name: "c1"))
            #expect(fetched == created)
        },
        ConformanceCase("create ignores client-set server fields and status") { h in
            var input = cluster("c1")
            input.metadata.uid = "chosen-by-client"
            input.metadata.generation = 7
            input.metadata.resourceVersion = "999"
            input.status = ClusterStatus()
            let created = try await h.store.createCluster(input, now: h.now)
            #expect(created.metadata.uid != "chosen-by-client")
            #expect(created.metadata.generation == 1)
            #expect(created.status == nil)
        },
        ConformanceCase("managedFields are kept through create, update and list; the annotation that carries them never shows") { h in
            var input = cluster("c1")
            let fields = FieldsV1(["f:spec": FieldsV1(["f:workers": FieldsV1()])])
            input.metadata.managedFields = [ManagedFieldsEntry(manager: "flux", operation: "Apply", apiVersion: Cluster.apiVersion, time: h.now, fields: fields)]
            input.metadata.annotations = ["ocpctl.io/managed-fields": "forged by a client", "team": "a"]
            let created = try await h.store.createCluster(input, now: h.now)
            #expect(created.metadata.annotations == ["team": "a"])
            let key = ClusterKey(namespace: "team-a", name: "c1")
            var fetched = try await h.store.getCluster(key)
            #expect(fetched.metadata.managedFields == input.metadata.managedFields)
            #expect(fetched.metadata.annotations == ["team": "a"])
            #expect(try await h.store.listClusters(ClusterListQuery()).items.first?.metadata.managedFields == input.metadata.managedFields)
            fetched.metadata.managedFields = nil
            fetched.metadata.resourceVersion = created.metadata.resourceVersion
            let updated = try await h.store.updateCluster(fetched)
            #expect(updated.metadata.managedFields == nil)
            #expect(updated.metadata.annotations == ["team": "a"])
        },
        ConformanceCase("create without a namespace is invalid") { h in
            var input = cluster("c1")
            input.metadata.namespace = nil
            await expectStoreError({ try await h.store.createCluster(input, now: h.now) }) {
                if case .invalid = $0 { true } else { false }
            }
        },
        ConformanceCase("get of a missing cluster is notFound") { h in
            await expectStoreError({ try await h.store.getCluster(ClusterKey(namespace: "team-a", name: "nope")) }) {
                $0 == .notFound(kind: "Cluster", name: "team-a/nope")
            }
        },
        ConformanceCase("a name is unique in its namespace") { h in
            _ = try await h.store.createCluster(cluster("c1"), now: h.now)
            await expectStoreError({ try await h.store.createCluster(cluster("c1", baseDomain: "other.example.com"), now: h.now) }) {
                $0 == .alreadyExists(kind: "Cluster", name: "team-a/c1", key: .namespacedName)
            }
            // Another namespace may reuse the name under another base domain.
            _ = try await h.store.createCluster(cluster("c1", namespace: "team-b", baseDomain: "other.example.com"), now: h.now)
        },
        ConformanceCase("a DNS name is unique across namespaces") { h in
            _ = try await h.store.createCluster(cluster("c1"), now: h.now)
            await expectStoreError({ try await h.store.createCluster(cluster("c1", namespace: "team-b"), now: h.now) }) {
                $0 == .alreadyExists(kind: "Cluster", name: "team-b/c1", key: .dnsName("c1.labs.example.com"))
            }
        },
    ]
}
