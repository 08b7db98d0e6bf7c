import Foundation
import OCPCloud
import OCPController
import OCPModel
import OCPStore
import Testing

/// The convergence scenarios of the reconciler, against a real store and the simulated cloud.
@Suite("Convergence")
struct ConvergenceTests {

    @Test("apply: Provisioning, then Running with Ready=True at the current generation", arguments: Backend.all)
    func createConverges(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation()) { h in
            try await h.apply("alpha")
            try await h.eventually("alpha", "Provisioning") { $0.phase == .provisioning }
            #expect(try await h.cluster("alpha")?.isReady == false)
            try await h.finishCloudOperation(.create)
            try await h.eventually("alpha", "Ready") { $0.isReady && $0.phase == .running }
            let cluster = try #require(try await h.cluster("alpha"))
            #expect(cluster.status?.observedGeneration == cluster.metadata.generation)
            #expect(cluster.status?.apiURL == "https://api.alpha.labs.example.com:6443")
            let operations = try await h.store.listOperations(clusterUID: cluster.metadata.uid!)
            #expect(operations.map(\.operation.type) == [.create])
            #expect(operations.map(\.operation.state) == [.succeeded])
        }
    }

    @Test("changing workers scales, then the cluster is Ready again", arguments: Backend.all)
    func scale(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation()) { h in
            try await h.apply("alpha")
            try await h.finishCloudOperation(.create)
            try await h.eventually("alpha", "Ready") { $0.isReady }
            try await h.update("alpha") { $0.workers = 2 }
            try await h.eventually("alpha", "scaling") { $0.status?.conditions.condition(ConditionType.ready)?.reason == Reason.scalingWorkers }
            try await h.finishCloudOperation(.scaleWorkers)
            try await h.eventually("alpha", "Ready with 2 workers") { $0.isReady && $0.status?.workers == WorkerStatus(desired: 2, ready: 2) }
        }
    }

    @Test("Hibernating, then Hibernated, then Running again", arguments: Backend.all)
    func hibernateAndResume(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation()) { h in
            try await h.apply("alpha")
            try await h.finishCloudOperation(.create)
            try await h.eventually("alpha", "Ready") { $0.isReady }
            try await h.update("alpha") { $0.powerState = .hibernating }
            try await h.eventually("alpha", "Hibernating") { $0.phase == .hibernating }
            try await h.finishCloudOperation(.hibernate)
            try await h.eventually("alpha", "Hibernated") { $0.phase == .hibernated }
            try await h.update("alpha") { $0.powerState = .running }
            try await h.eventually("alpha", "Resuming") { $0.phase == .resuming }
            try await h.finishCloudOperation(.resume)
            try await h.eventually("alpha", "Running") { $0.isReady && $0.phase == .running }
        }
    }

    @Test("a 2-second TTL: destroyed by system:ttl, and the cloud has nothing left", arguments: Backend.all)
    func ttl(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation(), cloud: .instant) { h in
            let created = try await h.apply("brief") { $0.ttl = TTLDuration("2s") }
            try await h.eventually("brief", "Ready") { $0.isReady }
            try await h.advance(by: 2)
            try await h.eventually("the cluster is gone") { try await h.cluster("brief") == nil }
            #expect(try await h.cloud.allResources().isEmpty)
            let audit = try await h.store.listAuditEvents(AuditQuery(name: "brief"))
            #expect(audit.contains { $0.actor == SystemActor.ttl && $0.verb == "delete" })
            #expect(audit.contains { $0.actor == SystemActor.ttl && $0.verb == OperationType.destroy.rawValue })
            let operations = try await h.store.listOperations(clusterUID: created.metadata.uid!)
            #expect(operations.map(\.operation.type) == [.create, .destroy], "history outlives the object")
        }
    }

    @Test("delete: the finalizer holds the object until the cloud is empty", arguments: Backend.all)
    func deletion(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation()) { h in
            try await h.apply("alpha")
            try await h.finishCloudOperation(.create)
            try await h.eventually("alpha", "Ready") { $0.isReady }
            try await h.delete("alpha")
            try await h.eventually("alpha", "Destroying") { $0.phase == .destroying && $0.status?.lastOperation?.type == .destroy }
            #expect(try await h.cloud.allResources().isEmpty == false)
            #expect(try await h.cluster("alpha")?.metadata.finalizers == [Cluster.finalizer])
            try await h.finishCloudOperation(.destroy)
            try await h.eventually("the cluster is gone") { try await h.cluster("alpha") == nil }
            #expect(try await h.cloud.allResources().isEmpty)
        }
    }

    @Test("an injected create failure: backoff, leftovers destroyed, then a later attempt succeeds", arguments: Backend.all)
    func createFailureRecovers(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation(), cloud: .instant) { h in
            try await h.cloud.failNextCreate(region: "us-east-1")
            let created = try await h.apply("alpha")
            let uid = created.metadata.uid!
            try await h.eventually("leftovers cleaned up") {
                try await h.store.listOperations(clusterUID: uid).map(\.operation.type).sorted { $0.rawValue < $1.rawValue } == [.create, .destroy]
            }
            try await h.eventually("alpha", "backing off") { $0.status?.conditions.condition(ConditionType.progressing)?.reason == Reason.backingOff }
            #expect(try await h.cloud.allResources().isEmpty, "the failed attempt's leftovers were destroyed before the retry")
            try await h.advance(by: 30)
            try await h.eventually("alpha", "Ready") { $0.isReady }
            let operations = try await h.cloud.operations()
            #expect(operations.map(\.status.type) == [.create, .destroy, .create])
            #expect(operations.map(\.status.state) == [.failed, .succeeded, .succeeded])
            #expect(try await h.cluster("alpha")?.status?.provisionAttempts == 2)
        }
    }

    @Test("the attempt limit gives phase Failed", arguments: Backend.all)
    func attemptLimit(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation(), cloud: .instant) { h in
            for _ in 0..<3 { try await h.cloud.failNextCreate() }
            try await h.apply("doomed")
            try await h.advance(until: "three failed attempts and phase Failed") {
                try await h.cluster("doomed")?.phase == .failed
            }
            #expect(try await h.cloud.operations().filter { $0.status.type == .create }.map(\.status.state) == [.failed, .failed, .failed])
            #expect(try await h.cluster("doomed")?.status?.provisionAttempts == 3)
        }
    }

    @Test("a worker terminated out of band, and a cluster deleted out of band, are both repaired", arguments: Backend.all)
    func drift(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation(), cloud: .instant) { h in
            let created = try await h.apply("alpha") { $0.workers = 2 }
            try await h.eventually("alpha", "Ready") { $0.isReady }
            let infraID = try #require(try await h.cluster("alpha")?.status?.infraID)
            let target = CloudTarget(clusterUID: created.metadata.uid!, infraID: infraID)
            try await h.cloud.terminateWorker(infraID: infraID)
            try await h.advance(until: "the worker is replaced", step: 10, limit: 600) {
                try await h.cloud.observe(target)?.workersReady == 2
            }
            try await h.cloud.deleteClusterOutOfBand(infraID: infraID)
            try await h.advance(until: "the cluster is recreated and Ready", step: 10, limit: 600) {
                guard try await h.cloud.observe(target)?.installed == true else { return false }
                return try await h.cluster("alpha")?.isReady == true
            }
            let log = try await h.cloud.log()
            #expect(log.filter { $0.event == "started" && $0.type == .create }.count == 2)
        }
    }
}
