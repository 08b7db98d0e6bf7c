import Foundation
import Logging
import OCPCloud
import OCPSimCloud
import OCPController
import OCPLoader
import OCPModel
import OCPStore
import ServiceLifecycle
import Testing

/// A control plane in a test: a real store, the simulated cloud and the controller, all on one manual clock.
struct Harness {
    let store: SQLStore
    let cloud: SimulatedCloud
    let clock: ManualControllerClock
    let controller: ClusterController
    let profiles: ProfileCatalog

    static let profiles: ProfileCatalog = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return try! ProfileLoader.load(directory: url.path + "/profiles")
    }()

    static var quietLogger: Logger {
        var logger = Logger(label: "ocpctl.test")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body` with a running controller over a store at `location`, then shuts everything down.
    static func run(
        _ location: StoreLocation, cloud config: SimulatedCloudConfig = .demo, controllerRunning: Bool = true,
        metrics: ControllerMetrics = ControllerMetrics(), controllerConfig: ControllerConfig = ControllerConfig(workers: 4),
        wrapCloud: @Sendable (SimulatedCloud) -> any CloudProvider = { $0 },
        planner: PlannerConfig = PlannerConfig(attentionInterval: .seconds(30), stableInterval: .seconds(300), backoffBase: .seconds(30)),
        _ body: @escaping @Sendable (Harness) async throws -> Void
    ) async throws {
        let clock = ManualControllerClock()
        let cloudDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-cloud-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cloudDirectory) }
        // On PostgreSQL the account lives in the same database, as `ocpctl serve --postgres` keeps it.
        let postgres: String? = if case let .postgres(url) = location { url } else { nil }
        let cloud = try await SimulatedCloud.open(dataDir: cloudDirectory, postgres: postgres, config: config, now: { clock.now() })
        do {
            try await SQLStore.withStore(at: location, now: Timestamp(secondsSinceEpoch: Int64(clock.now())), logger: quietLogger) { store in
                let reconciler = ClusterReconciler(store: store, cloud: wrapCloud(cloud), profiles: profiles, clock: clock, planner: planner,
                                                   metrics: metrics, logger: quietLogger)
                let controller = ClusterController(store: store, reconciler: reconciler, clock: clock,
                                                   config: controllerConfig, logger: quietLogger)
                let harness = Harness(store: store, cloud: cloud, clock: clock, controller: controller, profiles: profiles)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if controllerRunning { group.addTask { try await controller.run() } }
                    defer { group.cancelAll() }
                    try await body(harness)
                }
            }
        } catch {
            try? await cloud.close()
            throw error
        }
        try await cloud.close()
    }

    /// Creates a cluster the way the API will: defaulted from its profile, created at the clock's time.
    @discardableResult
    func apply(_ name: String, namespace: String = "team-a", profile: String = "aws-minimal-test",
               _ change: (inout ClusterSpec) -> Void = { _ in }) async throws -> Cluster {
        var spec = ClusterSpec(profile: profile)
        change(&spec)
        spec = spec.defaulted(by: profiles[profile]!, requester: "alice@example.com")
        return try await store.createCluster(Cluster(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec), now: now)
    }

    /// Changes a cluster's spec through the store, as a PUT would.
    @discardableResult
    func update(_ name: String, namespace: String = "team-a", _ change: (inout ClusterSpec) -> Void) async throws -> Cluster {
        var cluster = try await store.getCluster(ClusterKey(namespace: namespace, name: name))
        change(&cluster.spec)
        return try await store.updateCluster(cluster)
    }

    func delete(_ name: String, namespace: String = "team-a") async throws {
        _ = try await store.deleteCluster(ClusterKey(namespace: namespace, name: name), resourceVersion: nil, now: now)
    }

    var now: Timestamp { Timestamp(secondsSinceEpoch: Int64(clock.now())) }

    /// The cluster, or nil once it is gone from the store.
    func cluster(_ name: String, namespace: String = "team-a") async throws -> Cluster? {
        do {
            return try await store.getCluster(ClusterKey(namespace: namespace, name: name))
        } catch StoreError.notFound {
            return nil
        }
    }

    /// Waits (for store and cloud I/O, not for timers: the clock only moves when the test moves it) until `condition` holds.
    func eventually(_ what: String, timeout: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation,
                    _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("never happened: \(what)\n\(await diagnostics())", sourceLocation: sourceLocation)
        throw HarnessError.timedOut(what)
    }

    /// The queue, the clock, every cluster's status and the cloud's log, for a failure message.
    func diagnostics() async -> String {
        var lines = ["clock=\(clock.now()) sleepers=\(clock.sleeperCount) queue depth=\(controller.queue.depth) delayed=\(controller.queue.delayedCount)"]
        if let clusters = try? await store.listClusters(ClusterListQuery()).items {
            for cluster in clusters {
                let conditions = cluster.status?.conditions.map { "\($0.type)=\($0.status.rawValue)/\($0.reason)" } ?? []
                lines.append("\(cluster.metadata.name) gen=\(cluster.metadata.generation ?? 0) phase=\(cluster.status?.phase?.rawValue ?? "-") \(conditions) lastOp=\(String(describing: cluster.status?.lastOperation))")
            }
        }
        if let log = try? await cloud.log() {
            lines += log.map { "cloud: \($0.at) \($0.event) \($0.type?.rawValue ?? "") \($0.detail)" }
        }
        return lines.joined(separator: "\n")
    }

    /// Waits until the cluster's status satisfies `condition`.
    func eventually(_ name: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                    _ condition: @escaping (Cluster) -> Bool) async throws {
        try await eventually("\(name): \(what)", sourceLocation: sourceLocation) {
            guard let cluster = try await cluster(name) else { return false }
            return condition(cluster)
        }
    }

    /// Waits until the cloud has started `count` operations of `type` in all, then moves time until none is running.
    ///
    /// Status is written before an operation starts, so a test must not move time on seeing the status alone.
    func finishCloudOperation(_ type: OperationType, count: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await eventually("the cloud started \(count) \(type.rawValue)", sourceLocation: sourceLocation) {
            try await cloud.operations().filter { $0.status.type == type }.count >= count
        }
        while try await cloud.operations().contains(where: { $0.status.state == .running }) {
            clock.advance(by: 1)
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Moves time forward `step` seconds at a time until `condition` holds, each step only once the controller
    /// has nothing queued or in flight, so time never runs ahead of the reactions it should cause.
    /// Fails when `limit` seconds of clock time pass without it.
    func advance(until what: String, step: Double = 5, limit: Double = 3600, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: () async throws -> Bool) async throws {
        let start = clock.now()
        while clock.now() - start <= limit {
            try await eventually("the controller is idle", sourceLocation: sourceLocation) {
                controller.queue.depth == 0 && controller.queue.inFlight == 0
            }
            if try await condition() { return }
            clock.advance(by: step)
            try await Task.sleep(for: .milliseconds(1))
        }
        try await eventually(what, timeout: .seconds(5), sourceLocation: sourceLocation, condition)
    }

    /// Moves time forward in small steps, letting the controller react to each one.
    func advance(by seconds: Double, step: Double = 1) async throws {
        var moved = 0.0
        while moved < seconds {
            let delta = min(step, seconds - moved)
            clock.advance(by: delta)
            moved += delta
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}

enum HarnessError: Error {
    case timedOut(String)
}

extension Cluster {
    var phase: ClusterPhase? { status?.phase }
}

/// A fresh SQLite directory for one test.
func freshSQLite() -> StoreLocation {
    .sqlite(directory: FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-ctl-\(UUID().uuidString)").path)
}

/// The stores the convergence scenarios run on.
enum Backend: String, Sendable, CustomStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    static let postgresURL = ProcessInfo.processInfo.environment["OCPCTL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// SQLite always; PostgreSQL when hack/test.sh provides a server, and always on CI, where a missing one fails.
    static var all: [Backend] {
        postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" ? [.sqlite, .postgres] : [.sqlite]
    }

    var description: String { rawValue }

    /// A store location no other test uses.
    func freshLocation() async throws -> StoreLocation {
        switch self {
        case .sqlite:
            return freshSQLite()
        case .postgres:
            guard let url = Self.postgresURL else {
                Issue.record("CI=true but OCPCTL_TEST_POSTGRES_URL is not set: the PostgreSQL scenarios cannot run")
                throw HarnessError.timedOut("no PostgreSQL")
            }
            let name = "ocpctl_ctl_\(UUID().uuidString.prefix(8).lowercased())"
            return .postgres(url: try await SQLStore.createPostgresDatabase(serverURL: url, name: name))
        }
    }
}
