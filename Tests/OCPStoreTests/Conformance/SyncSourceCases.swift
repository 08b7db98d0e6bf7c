import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let syncSources: [ConformanceCase] = [
        ConformanceCase("sync sources: create, get, list, spec and status updates with versions, delete") { h in
            var spec = SyncSourceSpec(repo: "file:///srv/git/clusters.git")
            spec.path = "team-a"
            let created = try await h.store.createSyncSource(SyncSource(metadata: ObjectMeta(name: "repo", namespace: "team-a"), spec: spec), now: h.now)
            #expect(created.metadata.uid != nil)
            #expect(created.metadata.generation == 1)
            #expect(created.metadata.creationTimestamp == h.now)
            await expectStoreError({
                try await h.store.createSyncSource(SyncSource(metadata: ObjectMeta(name: "repo", namespace: "team-a"), spec: spec), now: h.now)
            }) { if case .alreadyExists = $0 { true } else { false } }
            _ = try await h.store.createSyncSource(SyncSource(metadata: ObjectMeta(name: "other", namespace: "team-b"), spec: spec), now: h.now)
            #expect(try await h.store.listSyncSources(namespace: nil).map(\.metadata.name) == ["repo", "other"])
            #expect(try await h.store.listSyncSources(namespace: "team-b").map(\.metadata.name) == ["other"])

            var status = SyncSourceStatus()
            status.lastSyncedRevision = "abc123"
            let withStatus = try await h.store.updateSyncSourceStatus(namespace: "team-a", name: "repo", status: status)
            #expect(withStatus.status?.lastSyncedRevision == "abc123")
            #expect(withStatus.metadata.generation == 1, "status writes never bump generation")
            #expect(withStatus.metadata.resourceVersion != created.metadata.resourceVersion)

            var changed = withStatus
            changed.spec.prune = true
            let updated = try await h.store.updateSyncSource(changed)
            #expect(updated.metadata.generation == 2)
            #expect(updated.status?.lastSyncedRevision == "abc123", "a spec write keeps the status")
            await expectStoreError({ try await h.store.updateSyncSource(changed) }) { if case .conflict = $0 { true } else { false } }

            try await h.store.deleteSyncSource(namespace: "team-a", name: "repo")
            await expectStoreError({ try await h.store.getSyncSource(namespace: "team-a", name: "repo") }) {
                $0 == .notFound(kind: "SyncSource", name: "team-a/repo")
            }
        },
    ]
}
