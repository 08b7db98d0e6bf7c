import Foundation
import Synchronization
import Testing
import OCPCloud
import OCPSimCloud
import OCPModel
import OCPStore

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let seconds = Mutex(1_795_255_200.0)
    var now: @Sendable () -> Double { { self.seconds.withLock { $0 } } }
    func advance(_ delta: Double) { seconds.withLock { $0 += delta } }
}

/// Where a test's account lives: its own SQLite file, or a schema of a fresh PostgreSQL database.
enum SimBackend: String, Sendable, CustomStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    static let postgresURL = ProcessInfo.processInfo.environment["OCPCTL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// SQLite always; PostgreSQL when hack/test.sh provides a server, and always on CI, where a missing one fails.
    static var all: [SimBackend] {
        postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" ? [.sqlite, .postgres] : [.sqlite]
    }

    var description: String { rawValue }

    /// An opener of one fresh account: every call opens the same account again.
    func freshAccount(_ config: SimulatedCloudConfig, clock: ManualClock) async throws -> (open: @Sendable () async throws -> SimulatedCloud, cleanup: @Sendable () -> Void) {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-sim-\(UUID().uuidString)").path
            return ({ try await SimulatedCloud.open(directory: directory, config: config, now: clock.now) },
                    { try? FileManager.default.removeItem(atPath: directory) })
        case .postgres:
            guard let server = Self.postgresURL else {
                Issue.record("CI=true but OCPCTL_TEST_POSTGRES_URL is not set: the PostgreSQL cases cannot run")
                throw CancellationError()
            }
            let url = try await SQLStore.createPostgresDatabase(serverURL: server, name: "ocpctl_sim_\(UUID().uuidString.prefix(8).lowercased())")
            return ({ try await SimulatedCloud.open(postgres: url, config: config, now: clock.now) }, {})
        }
    }
}

/// Runs `body` against a fresh simulated account, then closes and removes it; `reopen` opens the same account again.
func withAccount(
    _ config: SimulatedCloudConfig = .demo, on backend: SimBackend = .sqlite,
    _ body: (SimulatedCloud, ManualClock, _ reopen: @Sendable () async throws -> SimulatedCloud) async throws -> Void
) async throws {
    let clock = ManualClock()
    let account = try await backend.freshAccount(config, clock: clock)
    defer { account.cleanup() }
    let cloud = try await account.open()
    do {
        try await body(cloud, clock, account.open)
    } catch {
        try? await cloud.close()
        throw error
    }
    try await cloud.close()
}

@Suite("Simulated cloud")
struct SimulatedCloudTests {
    let target = CloudTarget(clusterUID: "uid-1", infraID: "team-a-test-01-abcde")

    func request(_ id: String, _ type: OperationType, workers: Int = 0, region: String = "us-east-1") -> CloudOperationRequest {
        CloudOperationRequest(id: id, type: type, target: target, name: "team-a-test-01", baseDomain: "labs.example.com",
                              region: region, workers: workers, tags: ["env": "dev"])
    }

    @Test("create takes its configured time, then the cluster is installed with tagged resources", arguments: SimBackend.all)
    func createProgresses(backend: SimBackend) async throws {
        try await withAccount(on: backend) { cloud, clock, _ in
        let started = try await cloud.start(request("op-1", .create, workers: 2))
        #expect(started.state == .running)
        #expect(started.completesAt - started.startedAt == 20)
        let installing = try #require(try await cloud.observe(target))
        #expect(!installing.installed)
        #expect(installing.resourceCount == 8)
        clock.advance(20)
        let installed = try #require(try await cloud.observe(target))
        #expect(installed.installed)
        #expect(installed.controlPlaneReady == 3)
        #expect(installed.workersReady == 2)
        #expect(installed.apiURL == "https://api.team-a-test-01.labs.example.com:6443")
        #expect(try await cloud.operation(id: "op-1")?.state == .succeeded)
        let resources = try await cloud.allResources()
        #expect(Set(resources.map(\.kind)) == [.vpc, .subnet, .loadBalancer, .dnsRecord, .controlPlaneInstance, .workerInstance])
        for resource in resources {
            #expect(resource.tags["kubernetes.io/cluster/\(target.infraID)"] == "owned")
            #expect(resource.tags["ocpctl.io/cluster-uid"] == "uid-1")
            #expect(resource.tags["env"] == "dev")
        }
        }
    }

    @Test("starting the same operation id twice runs it once", arguments: SimBackend.all)
    func idempotentStart(backend: SimBackend) async throws {
        try await withAccount(.instant, on: backend) { cloud, clock, _ in
        try await cloud.start(request("op-1", .create, workers: 1))
        try await cloud.start(request("op-1", .create, workers: 1))
        #expect(try await cloud.operations().count == 1)
        #expect(try await cloud.log().filter { $0.event == "started" }.count == 1)
        #expect(try await cloud.allResources().filter { $0.kind == .workerInstance }.count == 1)
        }
    }

    @Test("scale, hibernate, resume and destroy change the account as the controller asked", arguments: SimBackend.all)
    func lifecycle(backend: SimBackend) async throws {
        try await withAccount(.instant, on: backend) { cloud, clock, _ in
        try await cloud.start(request("create", .create, workers: 1))
        try await cloud.start(request("scale-up", .scaleWorkers, workers: 3))
        #expect(try await cloud.observe(target)?.workersReady == 3)
        try await cloud.start(request("scale-down", .scaleWorkers, workers: 1))
        #expect(try await cloud.observe(target)?.workersReady == 1)
        try await cloud.start(request("hibernate", .hibernate))
        let hibernated = try #require(try await cloud.observe(target))
        #expect(!hibernated.poweredOn)
        #expect(hibernated.workersReady == 0)
        try await cloud.start(request("resume", .resume))
        #expect(try await cloud.observe(target)?.poweredOn == true)
        #expect(try await cloud.observe(target)?.workersReady == 1)
        try await cloud.start(request("destroy", .destroy))
        #expect(try await cloud.observe(target) == nil)
        #expect(try await cloud.allResources().isEmpty)
        #expect(try await cloud.log().map(\.event) == Array(repeating: ["started", "succeeded"], count: 6).flatMap { $0 })
        }
    }

    @Test("a failed create, injected for one region, leaves its partial resources behind", arguments: SimBackend.all)
    func failNextCreate(backend: SimBackend) async throws {
        try await withAccount(.instant, on: backend) { cloud, clock, _ in
        try await cloud.failNextCreate(region: "us-west-2")
        let elsewhere = CloudTarget(clusterUID: "uid-2", infraID: "other-abcde")
        var other = request("other", .create)
        other.target = elsewhere
        #expect(try await cloud.start(other).state == .succeeded)
        let failed = try await cloud.start(request("op-1", .create, region: "us-west-2"))
        #expect(failed.state == .failed)
        #expect(failed.error?.contains("injected fault") == true)
        let leftovers = try #require(try await cloud.observe(target))
        #expect(!leftovers.installed)
        #expect(leftovers.resourceCount > 0)
        // The fault is used up: the next attempt, after the leftovers are gone, succeeds.
        try await cloud.start(request("cleanup", .destroy))
        #expect(try await cloud.start(request("op-2", .create, region: "us-west-2")).state == .succeeded)
        }
    }

    @Test("a leaky destroy leaves tagged network resources that the tag sweep finds and removes", arguments: SimBackend.all)
    func leakOnDestroy(backend: SimBackend) async throws {
        try await withAccount(.instant, on: backend) { cloud, clock, _ in
        try await cloud.start(request("create", .create))
        try await cloud.leakOnNextDestroy()
        try await cloud.start(request("destroy", .destroy))
        #expect(try await cloud.observe(target) == nil)
        let leaked = try await cloud.resources(taggedWith: CloudTags.clusterUID, value: "uid-1")
        #expect(Set(leaked.map(\.kind)) == [.loadBalancer, .dnsRecord])
        try await cloud.deleteResources(ids: leaked.map(\.id))
        #expect(try await cloud.allResources().isEmpty)
        #expect(try await cloud.log().filter { $0.event == "resource-deleted" }.count == leaked.count)
        }
    }

    @Test("out-of-band changes: a terminated worker, a hand hibernation, a cluster deleted behind our back", arguments: SimBackend.all)
    func outOfBand(backend: SimBackend) async throws {
        try await withAccount(.instant, on: backend) { cloud, clock, _ in
        try await cloud.start(request("create", .create, workers: 2))
        #expect(try await cloud.terminateWorker(infraID: target.infraID))
        #expect(try await cloud.observe(target)?.workersReady == 1)
        try await cloud.hibernateByHand(infraID: target.infraID)
        #expect(try await cloud.observe(target)?.poweredOn == false)
        try await cloud.deleteClusterOutOfBand(infraID: target.infraID)
        #expect(try await cloud.observe(target) == nil)
        let events = try await cloud.log().map(\.event)
        #expect(events.suffix(3) == ["worker-terminated", "hibernated-by-hand", "cluster-deleted-out-of-band"])
        }
    }

    @Test("the account survives a restart, and an operation in flight finishes after it", arguments: SimBackend.all)
    func persistence(backend: SimBackend) async throws {
        try await withAccount(on: backend) { cloud, clock, reopen in
        try await cloud.start(request("op-1", .create, workers: 1))
        clock.advance(5)
        try await cloud.close()
        let reopened = try await reopen()
        #expect(try await reopened.observe(target)?.installed == false)
        clock.advance(15)
        #expect(try await reopened.observe(target)?.installed == true)
        #expect(try await reopened.operation(id: "op-1")?.state == .succeeded)
        try await reopened.close()
        }
    }

    @Test("outputs give URLs, a kubeconfig and only a reference to the kubeadmin password", arguments: SimBackend.all)
    func outputs(backend: SimBackend) async throws {
        try await withAccount(.instant, on: backend) { cloud, clock, _ in
        #expect(try await cloud.outputs(target) == nil)
        try await cloud.start(request("create", .create))
        let outputs = try #require(try await cloud.outputs(target))
        #expect(outputs.kubeconfig.contains("server: https://api.team-a-test-01.labs.example.com:6443"))
        #expect(outputs.kubeadminPasswordRef == "sim://secrets/\(target.infraID)/kubeadmin-password")
        }
    }

    @Test("two processes on one PostgreSQL database share one account: what one starts or injects, the other sees and runs",
          .enabled(if: SimBackend.all.contains(.postgres), "needs PostgreSQL: set OCPCTL_TEST_POSTGRES_URL (hack/test.sh does)"))
    func sharedOnPostgres() async throws {
        try await withAccount(.instant, on: .postgres) { first, clock, reopen in
            let second = try await reopen()
            try await first.start(request("create", .create, workers: 1))
            #expect(try await second.observe(target)?.installed == true)
            try await second.leakOnNextDestroy()
            try await first.start(request("destroy", .destroy))
            let leaked = try await second.resources(taggedWith: CloudTags.clusterUID, value: "uid-1")
            #expect(Set(leaked.map(\.kind)) == [.loadBalancer, .dnsRecord], "the fault one injected, the other's destroy consumed")
            try await second.start(request("destroy", .destroy))
            #expect(try await first.operations().count == 2, "an id started twice, from two processes, runs once")
            try await second.close()
        }
    }
}
