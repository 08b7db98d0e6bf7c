import OCPCloud
import OCPSimCloud
import OCPController
import OCPModel
import OCPStore
import Testing

/// A cloud whose `observe` never answers for clusters named `stuck-…`, as a wedged API call would.
struct HangingCloud: CloudProvider {
    let base: any CloudProvider

    func observe(_ target: CloudTarget) async throws -> ObservedCluster? {
        if target.infraID.hasPrefix("stuck-") {
            try await Task.sleep(for: .seconds(3600))  // cancelled by the reconcile timeout
        }
        return try await base.observe(target)
    }
    func start(_ request: CloudOperationRequest) async throws -> CloudOperationStatus { try await base.start(request) }
    func operation(id: String) async throws -> CloudOperationStatus? { try await base.operation(id: id) }
    func resources(taggedWith key: String, value: String?) async throws -> [CloudResource] { try await base.resources(taggedWith: key, value: value) }
    func deleteResources(ids: [String]) async throws { try await base.deleteResources(ids: ids) }
    func outputs(_ target: CloudTarget) async throws -> CloudOutputs? { try await base.outputs(target) }
}

@Suite("Reconcile timeout")
struct TimeoutTests {
    @Test("a reconcile that hangs is abandoned at the timeout, which frees its worker, and is retried with backoff")
    func hangingReconcile() async throws {
        let config = ControllerConfig(workers: 1, reconcileTimeout: 60)
        try await Harness.run(freshSQLite(), cloud: .instant, controllerConfig: config, wrapCloud: { HangingCloud(base: $0) }) { h in
            try await h.apply("stuck-one")
            try await h.eventually("the stuck reconcile is waiting on the clock") { h.clock.sleeperCount >= 3 }
            // One worker, and it is stuck: nothing else moves until the clock passes the timeout.
            try await h.apply("healthy")
            // Queued, and given real time to be picked up: with its only worker stuck it is not.
            try await h.eventually("healthy is queued") { h.controller.queue.depth == 1 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(h.controller.queue.depth == 1)
            #expect(try await h.cluster("healthy")?.status == nil)
            try await h.advance(by: 61)
            try await h.eventually("healthy", "reconciled by the freed worker") { $0.status?.phase == .provisioning }
            #expect(h.controller.queue.failures(ClusterKey(namespace: "team-a", name: "stuck-one")) >= 1)
        }
    }
}
