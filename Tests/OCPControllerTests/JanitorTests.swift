import MetricsTestKit
import OCPCloud
import OCPController
import OCPModel
import OCPStore
import Testing

@Suite("Janitor")
struct JanitorTests {
    func janitor(_ h: Harness) -> Janitor {
        Janitor(store: h.store, cloud: h.cloud, profiles: h.profiles, clock: h.clock, logger: Harness.quietLogger)
    }

    @Test("resources leaked on destroy are found and removed by the janitor, and live clusters are left alone", arguments: Backend.all)
    func leakedResources(backend: Backend) async throws {
        try await Harness.run(try await backend.freshLocation(), cloud: .instant) { h in
            try await h.apply("keeper")
            try await h.apply("leaky")
            try await h.eventually("both Ready") {
                let keeper = try await h.cluster("keeper")?.isReady == true
                let leaky = try await h.cluster("leaky")?.isReady == true
                return keeper && leaky
            }
            try await h.cloud.leakOnNextDestroy()
            try await h.delete("leaky")
            try await h.eventually("leaky is gone") { try await h.cluster("leaky") == nil }
            let keeperUID = try #require(try await h.cluster("keeper")?.metadata.uid)
            let leaked = try await h.cloud.allResources().filter { $0.clusterUID != keeperUID }
            #expect(Set(leaked.map(\.kind)) == [.loadBalancer, .dnsRecord])

            #expect(leaked.allSatisfy { $0.platform == "aws" })
            let metrics = TestMetrics()
            let report = try await Janitor(store: h.store, cloud: h.cloud, profiles: h.profiles, clock: h.clock,
                                           metrics: ControllerMetrics(factory: metrics), logger: Harness.quietLogger).sweep()
            #expect(report.orphanedResources == leaked.count)
            #expect(try metrics.expectGauge("ocpctl_orphan_resources", [("platform", "aws")]).lastValue == Double(leaked.count))
            // Every platform a profile names is reported, so no gauge is left at an old count.
            #expect(try metrics.expectGauge("ocpctl_orphan_resources", [("platform", "ibmcloud")]).lastValue == 0)
            let remaining = try await h.cloud.allResources()
            #expect(!remaining.isEmpty)
            #expect(remaining.allSatisfy { $0.clusterUID == keeperUID })
            let audit = try await h.store.listAuditEvents(AuditQuery(actor: SystemActor.janitor))
            #expect(audit.count == 1)
            #expect(audit.first?.summary.contains("LoadBalancer") == true)
            #expect(try await janitor(h).sweep().orphanedResources == 0)
        }
    }

    @Test("stale operations: one the cloud never saw is failed, one the cloud finished is settled, a fresh one is left alone")
    func staleOperations() async throws {
        // No controller runs here: it would settle these itself, which is the janitor's fallback, not its job.
        try await Harness.run(freshSQLite(), cloud: .demo, controllerRunning: false) { h in
            let uid = try #require(try await h.apply("alpha").metadata.uid)
            let lost = try await h.store.startOperation(NewOperation(clusterUID: uid, type: .scaleWorkers, generation: 1), now: h.now, fence: nil)
            let finished = try await h.store.startOperation(NewOperation(clusterUID: uid, type: .create, generation: 1), now: h.now, fence: nil)
            try await h.cloud.start(CloudOperationRequest(id: finished.operation.id, type: .create,
                                                          target: CloudTarget(clusterUID: uid, infraID: "alpha-x"), name: "alpha",
                                                          baseDomain: "labs.example.com", region: "us-east-1"))
            h.clock.advance(by: 601)
            let running = try await h.store.startOperation(NewOperation(clusterUID: uid, type: .hibernate, generation: 1), now: h.now, fence: nil)
            try await h.cloud.start(CloudOperationRequest(id: running.operation.id, type: .hibernate,
                                                          target: CloudTarget(clusterUID: uid, infraID: "alpha-x"), name: "alpha",
                                                          baseDomain: "labs.example.com", region: "us-east-1"))
            h.clock.advance(by: 1)
            let report = try await janitor(h).sweep()
            #expect(report.staleOperations == 2)
            let failed = try await h.store.getOperation(id: lost.operation.id)
            #expect(failed.operation.state == .failed)
            #expect(failed.operation.error?.contains("operation lost") == true)
            #expect(try await h.store.getOperation(id: finished.operation.id).operation.state == .succeeded)
            #expect(try await h.store.getOperation(id: running.operation.id).operation.state == .running, "not stale yet: it just started")
        }
    }
}
