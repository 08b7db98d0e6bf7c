import Testing
import OCPModel

@Suite("Sync planner")
struct SyncPlannerTests {
    let options = SyncPlanner.Options(source: "team-a-repo", prune: true)

    /// A validated, defaulted document for `name`.
    func document(_ name: String, workers: Int = 0, file: String = "clusters.yaml", line: Int = 1) -> ManifestDocument {
        var cluster = Fixtures.cluster(name: name, workers: workers)
        cluster.metadata = ObjectMeta(name: name, namespace: "team-a")
        cluster.spec = cluster.spec.defaulted(by: Fixtures.minimalProfile)
        cluster.status = nil
        return ManifestDocument(location: DocumentLocation(source: file, index: 1, line: line), cluster: cluster)
    }

    /// The live object as the store would hold it after this source applied `document`.
    func live(_ document: ManifestDocument, source: String = "team-a-repo") -> Cluster {
        var applied = document.cluster
        applied.spec.owner = "sync"  // filled by the server from the requester
        var cluster = SyncPlanner.stamped(applied, source: source, manifest: "clusters.yaml:1", revision: "abc123")
        cluster.metadata.uid = "uid-\(cluster.metadata.name)"
        cluster.metadata.generation = 1
        return cluster
    }

    @Test("new documents are created; applied ones are unchanged; the plan is in sync only when all are unchanged")
    func createAndUnchanged() {
        let a = document("a"), b = document("b")
        let plan = SyncPlanner.plan(desired: [a, b], live: [live(a)], options: options)
        #expect(plan.items.map(\.action) == [.unchanged, .create])
        #expect(!plan.isInSync)
        #expect(SyncPlanner.plan(desired: [a], live: [live(a)], options: options).isInSync)
    }

    @Test("an update lists the changed fields")
    func updateFields() {
        let before = document("a", workers: 1)
        let plan = SyncPlanner.plan(desired: [document("a", workers: 2)], live: [live(before)], options: options)
        #expect(plan.items.map(\.action) == [.update])
        #expect(plan.items[0].changes == [FieldChange(field: "spec.workers", live: "1", desired: "2")])
    }

    @Test("with prune, owned clusters gone from the source are deleted; without, they are only reported")
    func prune() {
        let a = document("a"), b = document("b"), c = document("c")
        let pruned = SyncPlanner.plan(desired: [a, b], live: [live(a), live(b), live(c)], options: options)
        #expect(pruned.items.first { $0.name == "c" }?.action == .delete)
        var noPrune = options
        noPrune.prune = false
        #expect(SyncPlanner.plan(desired: [a, b], live: [live(a), live(b), live(c)], options: noPrune)
            .items.first { $0.name == "c" }?.action == .pruneSkipped)
    }

    @Test("a prune never deletes a cluster the source does not own, and never updates another source's")
    func ownership() {
        let a = document("a")
        var manual = live(document("manual"))
        manual.metadata.annotations = nil
        let other = live(document("theirs"), source: "team-b-repo")
        let plan = SyncPlanner.plan(desired: [a, document("theirs")], live: [live(a), manual, other], options: options)
        #expect(!plan.items.contains { $0.name == "manual" })
        #expect(plan.items.first { $0.name == "theirs" }?.action == .conflict)
    }

    @Test("deleting more than the threshold is refused unless explicitly allowed")
    func massDeletion() {
        let docs = (0..<4).map { document("c\($0)") }
        let live = docs.map { self.live($0) }
        let refused = SyncPlanner.plan(desired: [docs[0]], live: live, options: options)
        #expect(refused.pruneRefusal?.contains("3 of the 4") == true)
        #expect(refused.count(.pruneRefused) == 3)
        #expect(refused.count(.delete) == 0)
        var allowed = options
        allowed.allowMassDeletion = true
        #expect(SyncPlanner.plan(desired: [docs[0]], live: live, options: allowed).count(.delete) == 3)
        #expect(SyncPlanner.plan(desired: Array(docs.prefix(2)), live: live, options: options).count(.delete) == 2, "half is allowed")
    }

    @Test("a cluster edited through the API since the last sync is drifted, and the plan reverts it")
    func drift() {
        let a = document("a", workers: 1)
        var edited = live(a)
        #expect(!SyncPlanner.isDrifted(edited))
        edited.spec.workers = 3
        #expect(SyncPlanner.isDrifted(edited))
        let plan = SyncPlanner.plan(desired: [a], live: [edited], options: options)
        #expect(plan.items[0].drifted)
        #expect(plan.items[0].action == .update)
        #expect(plan.items[0].changes.map(\.field) == ["spec.workers"])
    }

    @Test("an unowned cluster of the same name is adopted by an update that stamps ownership")
    func adoption() {
        let a = document("a")
        var manual = live(a)
        manual.metadata.annotations = nil
        let plan = SyncPlanner.plan(desired: [a], live: [manual], options: options)
        #expect(plan.items.map(\.action) == [.update])
        #expect(SyncPlanner.stamped(a.cluster, source: "team-a-repo", manifest: "m:1", revision: "r").syncSource == "team-a-repo")
    }
}
