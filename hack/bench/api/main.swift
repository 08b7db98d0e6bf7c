// API benchmark: a real `ocpctl serve` (zero-duration simulated cloud) on SQLite and PostgreSQL, driven on
// loopback by an open-loop load generator: /healthz, GET one cluster, LIST 100 and apply at fixed rates,
// then reaction latency from an acknowledged apply to its create starting in the cloud. Run with hack/bench/api.sh.
import AsyncHTTPClient
import Foundation
import OCPClient
import OCPStore

let environment = ProcessInfo.processInfo.environment
let caseSeconds = Double(environment["OCPCTL_BENCH_SECONDS"] ?? "") ?? 30
let rates = (environment["OCPCTL_BENCH_RATES"] ?? "200,1000").split(separator: ",").compactMap { Int($0) }
let reactionCount = Int(environment["OCPCTL_BENCH_REACTION_COUNT"] ?? "") ?? 1_000
let reactionRate = Int(environment["OCPCTL_BENCH_REACTION_RATE"] ?? "") ?? 20
let binary = environment["OCPCTL_BINARY"]
    ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ocpctl").path
let postgresServer = environment["OCPCTL_BENCH_POSTGRES_URL"]
let cases = Set((environment["OCPCTL_BENCH_CASES"] ?? "healthz,get,list,apply,reaction").split(separator: ",").map(String.init))

/// Enough connections that queueing happens in the server, not in the client's pool.
let httpConfiguration: HTTPClient.Configuration = {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
    return configuration
}()

/// Runs one case: a short unmeasured warm-up at the same rate (connections, caches), then the measured run.
/// Warm-up requests get indexes from a million up, so creates never reuse a name.
func measure(_ rate: Int, _ request: @escaping @Sendable (Int) async -> String?) async -> RunResult {
    _ = await OpenLoop.run(rate: rate, seconds: min(1, caseSeconds / 5)) { await request(1_000_000 + $0) }
    return await OpenLoop.run(rate: rate, seconds: caseSeconds, request: request)
}

/// The figures the targets name, per store.
struct Targets {
    var getP99At200: Double?
    var applyP99At200: Double?
    var reactionP99: Double?

    func print(store: String) {
        func verdict(_ value: Double?, _ limit: Double) -> String {
            value.map { String(format: "%.2f ms: %@", $0, $0 <= limit ? "met" : "MISSED") } ?? "not measured"
        }
        Swift.print("\(store) targets: GET p99 ≤ 5 ms at 200/s \(verdict(getP99At200, 5)); apply p99 ≤ 20 ms at 200/s "
            + "\(verdict(applyP99At200, 20)); reaction p99 ≤ 100 ms \(verdict(reactionP99, 100))")
    }
}

/// The load cases against one server.
func loadCases(store: String, postgresURL: String?) async throws -> Targets {
    try await ServeProcess.with(binary: binary, postgresURL: postgresURL) { server in
        var targets = Targets()
        try await HTTPClient.withHTTPClient(configuration: httpConfiguration) { http in
            var client = OCPClient(server: server.config.server, token: server.config.token, http: http)
            // The generator bounds what is outstanding; a request this late means the server is stuck.
            client.timeout = .seconds(30)
            let workload = Workload(client: client)
            if cases.contains("get") || cases.contains("list") { try await workload.seed() }
            for rate in rates {
                var ceiling: Summary?
                if cases.contains("healthz") {
                    let healthz = await measure(rate, workload.healthz)
                    Report.line(store: store, name: "healthz", rate: rate, result: healthz, ceiling: nil)
                    ceiling = Summary(healthz.latencies)
                }
                if cases.contains("get") {
                    let get = await measure(rate, workload.get)
                    Report.line(store: store, name: "GET", rate: rate, result: get, ceiling: ceiling)
                    if rate == 200 { targets.getP99At200 = Summary(get.latencies).p99 }
                }
                if cases.contains("list") {
                    Report.line(store: store, name: "LIST 100", rate: rate, result: await measure(rate, workload.list), ceiling: ceiling)
                }
            }
            // Applies last: each creates a cluster the controller then reconciles, which would load the read cases.
            for rate in rates where cases.contains("apply") {
                // Names are unique across namespaces too: the server refuses two clusters with one DNS name.
                let apply = await measure(rate) { await workload.create(namespace: "apply-\(rate)", name: "r\(rate)-\($0)") }
                Report.line(store: store, name: "apply", rate: rate, result: apply, ceiling: nil)
                if rate == 200 { targets.applyP99At200 = Summary(apply.latencies).p99 }
            }
        }
        return targets
    }
}

/// Reaction latency against a fresh server, so the load cases' clusters are not in the controller's way.
func reaction(store: String, postgresURL: String?) async throws -> Summary {
    try await ServeProcess.with(binary: binary, postgresURL: postgresURL) { server in
        let acknowledged = try await HTTPClient.withHTTPClient { http in
            let client = OCPClient(server: server.config.server, token: server.config.token, http: http)
            let acknowledged = try await Reaction.apply(client: client, count: reactionCount, rate: reactionRate)
            try await Reaction.waitUntilReady(client: client, count: reactionCount)
            return acknowledged
        }
        // The cloud's file is the server's until it stops.
        await server.stop()
        let summary = Summary(try await Reaction.latencies(dataDir: server.dataDir, postgresURL: postgresURL, acknowledged: acknowledged))
        print("\(store) reaction latency over \(reactionCount) applies at \(reactionRate)/s: p50 \(Report.ms(summary.p50)) ms, "
            + "p99 \(Report.ms(summary.p99)) ms, max \(Report.ms(summary.max)) ms")
        return summary
    }
}

/// A fresh database on the benchmark's PostgreSQL server for each server started.
func freshPostgres() async throws -> String? {
    guard let postgresServer else { return nil }
    return try await SQLStore.createPostgresDatabase(serverURL: postgresServer, name: "ocpctl_bench_api_\(UUID().uuidString.prefix(8).lowercased())")
}

print("ocpctl API benchmark: ocpctl serve --sim-durations instant on loopback, open loop, \(caseSeconds) s per case, "
    + "\(ProcessInfo.processInfo.activeProcessorCount) cores; latency from the scheduled send")
if postgresServer == nil { print("OCPCTL_BENCH_POSTGRES_URL not set: SQLite only") }
Report.header()
var verdicts: [(String, Targets)] = []
for store in ["SQLite", "PostgreSQL"] where store == "SQLite" || postgresServer != nil {
    if cases.contains("watch") {
        try await WatchFanOut.run(store: store, postgresURL: try await freshPostgres(), watchers: Int(environment["OCPCTL_BENCH_WATCHERS"] ?? "") ?? 1_000,
                                  rate: Int(environment["OCPCTL_BENCH_WATCH_RATE"] ?? "") ?? 100, seconds: caseSeconds)
    }
    var targets = try await loadCases(store: store, postgresURL: try await freshPostgres())
    if cases.contains("reaction") { targets.reactionP99 = try await reaction(store: store, postgresURL: try await freshPostgres()).p99 }
    verdicts.append((store, targets))
}
for (store, targets) in verdicts { targets.print(store: store) }
