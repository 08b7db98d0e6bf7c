// Convergence benchmark: N clusters applied at once against a zero-duration simulated cloud; prints the time
// until all are Ready, per store, and the steady-state rate of no-op reconciles. Run with hack/bench/converge.sh.
import Foundation
import Logging
import OCPCloud
import OCPSimCloud
import OCPController
import OCPLoader
import OCPModel
import OCPRuntime
import OCPStore

let arguments = CommandLine.arguments.dropFirst()
let sizes = arguments.compactMap { Int($0) }.isEmpty ? [1_000, 10_000] : arguments.compactMap { Int($0) }
let postgresURL = ProcessInfo.processInfo.environment["OCPCTL_BENCH_POSTGRES_URL"]
let workers = Int(ProcessInfo.processInfo.environment["OCPCTL_BENCH_WORKERS"] ?? "") ?? 8
let profiles = try ProfileLoader.load(directory: "profiles")
let logger: Logger = {
    var logger = Logger(label: "ocpctl.bench")
    logger.logLevel = .error
    return logger
}()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func now() -> Timestamp { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }

/// Applies `count` clusters, runs the controller until every one is Ready, then measures no-op reconciles.
func run(_ label: String, postgres: String?, count: Int) async throws {
    let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-bench-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dataDir) }
    // The same assembly as `ocpctl controller`: the runtime, on an instant simulated cloud.
    var config = RuntimeConfig(dataDir: dataDir)
    config.postgres = postgres
    config.simulated = .instant
    config.controller = ControllerConfig(workers: workers)
    try await ControlPlaneRuntime.with(config, logger: logger) { runtime in
        let (store, reconciler, controller) = (runtime.store, runtime.reconciler, runtime.controller)
        let spec = ClusterSpec(profile: "aws-minimal-test").defaulted(by: profiles["aws-minimal-test"]!, requester: "bench")
        let start = ContinuousClock.now
        var readyAfter = Duration.zero
        var appliedAfter = Duration.zero
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await controller.run() }
            for index in 0..<count {
                _ = try await store.createCluster(
                    Cluster(metadata: ObjectMeta(name: "bench-\(index)", namespace: "team-\(index % 20)"), spec: spec), now: now())
            }
            appliedAfter = ContinuousClock.now - start
            while true {
                try await Task.sleep(for: .milliseconds(250))
                var ready = 0
                var query = ClusterListQuery(limit: 500)
                repeat {
                    let page = try await store.listClusters(query)
                    ready += page.items.filter { $0.status?.conditions.isTrue(ConditionType.ready) == true }.count
                    query.continueToken = page.continueToken
                } while query.continueToken != nil
                if ready == count { break }
            }
            readyAfter = ContinuousClock.now - start
            group.cancelAll()
        }

        // Steady state: every cluster reconciled again with nothing to do, by `workers` concurrent callers.
        let keys = (0..<count).map { ClusterKey(namespace: "team-\($0 % 20)", name: "bench-\($0)") }
        let noOpStart = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    for index in stride(from: worker, to: keys.count, by: workers) {
                        _ = try await reconciler.reconcile(keys[index])
                    }
                }
            }
            try await group.waitForAll()
        }
        let noOpRate = Double(count) / seconds(ContinuousClock.now - noOpStart)
        print(String(format: "%-10@ N=%-6d applied in %6.2f s   all Ready after %6.2f s   (%6.0f clusters/s)   no-op reconciles/s %7.0f",
                     label as NSString, count, seconds(appliedAfter), seconds(readyAfter), Double(count) / seconds(readyAfter), noOpRate))
    }
}

print("ocpctl converge benchmark: zero-duration simulated cloud, \(workers) workers, \(ProcessInfo.processInfo.activeProcessorCount) cores")
for count in sizes {
    try await run("SQLite", postgres: nil, count: count)
    if let postgresURL {
        let url = try await SQLStore.createPostgresDatabase(serverURL: postgresURL, name: "ocpctl_bench_\(UUID().uuidString.prefix(8).lowercased())")
        try await run("PostgreSQL", postgres: url, count: count)
    }
}
