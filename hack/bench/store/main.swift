// Store benchmark: create, get and update-status per second for each backend beside the raw ceiling of
// the same driver (and pgbench for PostgreSQL), then list latency with 100,000 clusters stored.
// Usage: ocpctl-bench-store [--postgres URL] [--sqlite-dir DIR] [--count N] [--rounds N] [--list-rows N] [--page N]
import Foundation
import Logging
import OCPModel
import OCPStore
import OCPSQLite
import PostgresNIO

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard flag.hasPrefix("--"), let value = arguments.popFirst() else {
        say("usage: ocpctl-bench-store [--postgres URL] [--sqlite-dir DIR] [--count N] [--rounds N] [--list-rows N] [--page N]")
        exit(2)
    }
    options[String(flag.dropFirst(2))] = value
}
let count = Int(options["count"] ?? "") ?? 2000
let rounds = Int(options["rounds"] ?? "") ?? 7
let listRows = Int(options["list-rows"] ?? "") ?? 100_000
let pageSize = Int(options["page"] ?? "") ?? 500
let now = Timestamp(secondsSinceEpoch: 1_800_000_000)
var logger = Logger(label: "ocpctl.bench")
logger.logLevel = .warning
let quietLogger = logger

func report(_ backend: String, _ store: SQLStore, raw: any RawDriver, seed: @Sendable (String) async throws -> Void) async throws {
    say("== \(backend): \(count) sequential operations per loop, \(rounds) rounds ==")
    let bench = StoreBench(store: store, count: count)
    let payload = String(decoding: try ResourceEncoding.jsonData(StoreBench.cluster("x", namespace: "bench-0").spec), as: UTF8.self)
    // Ours and the raw loop alternate within each round, so both see the same machine load.
    var samples: [String: [(ours: Double, raw: Double)]] = [:]
    for round in 0..<rounds {
        samples["create", default: []].append((try await bench.create(round: round), try await raw.insertLoop(count: count, payload: payload)))
        samples["get", default: []].append((try await bench.get(round: round), try await raw.selectLoop(count: count)))
        samples["update-status", default: []].append((try await bench.updateStatus(round: round),
                                                      try await raw.updateLoop(count: count, payload: payload)))
    }
    say("operation       ours ops/s   raw ops/s   ratio   (medians; ratio = median of per-round ratios; raw = bare statement loop, same driver and database)")
    for name in ["create", "get", "update-status"] {
        let rows = samples[name]!
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let ratio = median(rows.map { $0.ours / $0.raw })
        say(pad(name, 14) + pad(String(format: "%.0f", median(rows.map(\.ours))), 12, right: true)
              + pad(String(format: "%.0f", median(rows.map(\.raw))), 12, right: true)
              + pad(String(format: "%.2f", ratio), 8, right: true) + "   " + (ratio >= 0.5 ? "ok (target >= 0.5)" : "BELOW TARGET 0.5"))
    }

    try await seed("bench-list")
    let namespaced = try await ListBench.pageLatencies(store, namespace: "bench-list", pageSize: pageSize, passes: 2)
    let all = try await ListBench.pageLatencies(store, namespace: nil, pageSize: pageSize, passes: 1)
    for (label, result) in [("namespace bench-list", namespaced), ("all namespaces", all)] {
        let p99 = Measure.percentile(result.ms, 0.99)
        say("list \(label): \(result.items) clusters, \(pageSize) per page, \(result.ms.count) pages: "
              + String(format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms", Measure.percentile(result.ms, 0.5), p99, result.ms.max() ?? 0)
              + (p99 <= 50 ? "  ok (target p99 <= 50 ms)" : "  ABOVE TARGET 50 ms"))
    }
}

let directory = options["sqlite-dir"] ?? FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-bench-\(UUID().uuidString.prefix(8))").path
try await SQLStore.withStore(at: .sqlite(directory: directory), now: now, logger: quietLogger) { store in
    let raw = try await RawSQLite.open(directory: directory)
    try await report("SQLite \(SQLiteConnection.libraryVersion) (WAL, synchronous=FULL)", store, raw: raw) { namespace in
        try await Seed.sqlite(raw.connection, namespace: namespace, count: listRows, now: now, after: try await store.currentRevision())
    }
    try await raw.connection.close()
}
try? FileManager.default.removeItem(atPath: directory)

if let url = options["postgres"] {
    say("")
    try await SQLStore.withStore(at: .postgres(url: url), now: now, logger: quietLogger) { store in
        var configuration = try PostgresURL.configuration(url)
        configuration.options.maximumConnections = 1
        let client = PostgresClient(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await report("PostgreSQL (synchronous_commit=on)", store, raw: RawPostgres(client: client)) { namespace in
                try await Seed.postgres(client, namespace: namespace, count: listRows, now: now)
            }
        }
    }
    if let pgbench = try PgBench.run(url: url) {
        for (mode, tps) in pgbench { say("pgbench -c 1 \(mode) on the same server: " + String(format: "%.0f tps", tps)) }
    } else {
        say("pgbench: not found")
    }
} else {
    say("\nPostgreSQL: skipped (pass --postgres URL; hack/bench/store.sh starts a throwaway server)")
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
}

/// Prints a line at once, so a long run shows progress even when its output goes to a file.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
