import AsyncHTTPClient
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import OCPClient

/// The watch fan-out case: `watchers` concurrent watches of one namespace while `rate` label changes a second
/// are written to its clusters. Delivery latency is from the scheduled send of a write to its event arriving
/// at a watcher, over every (write, watcher) pair; the server's resident memory is sampled every second.
enum WatchFanOut {
    static let namespace = "watch-bench"
    static let clusters = 20

    static func run(store: String, postgresURL: String?, watchers: Int, rate: Int, seconds: Double) async throws {
        try await ServeProcess.with(binary: binary, postgresURL: postgresURL) { server in
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool = .init(idleTimeout: .seconds(600), concurrentHTTP1ConnectionsPerHostSoftLimit: watchers + 64)
            try await HTTPClient.withHTTPClient(configuration: configuration) { http in
                var client = OCPClient(server: server.config.server, token: server.config.token, http: http)
                client.timeout = .seconds(30)
                let workload = Workload(client: client)
                for index in 0..<clusters { _ = await workload.create(namespace: namespace, name: "w\(index)") }
                let revision = try await client.listClusters(namespace: namespace).metadata.resourceVersion ?? "0"
                let idle = rss(server.pid)
                let base = ContinuousClock.now
                let connected = Counter()
                let results = try await withThrowingTaskGroup(of: [(Int64, Double)].self) { group in
                    for _ in 0..<watchers {
                        group.addTask { await watch(http: http, server: server, revision: revision, base: base, connected: connected) }
                    }
                    let deadline = ContinuousClock.now + .seconds(120)
                    while connected.value < watchers, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                    guard connected.value == watchers else { throw BenchError("only \(connected.value) of \(watchers) watches connected") }
                    let watching = rss(server.pid)
                    let peak = Counter()
                    let sampler = Task {
                        while !Task.isCancelled {
                            peak.raise(rss(server.pid))
                            try? await Task.sleep(for: .seconds(1))
                        }
                    }
                    let sent = await write(client: client, rate: rate, seconds: seconds, base: base)
                    // Let the last events arrive, then end the watches.
                    try await Task.sleep(for: .seconds(2))
                    sampler.cancel()
                    group.cancelAll()
                    var received: [[(Int64, Double)]] = []
                    for try await result in group { received.append(result) }
                    return (sent, received, idle, watching, peak.value)
                }
                report(store: store, watchers: watchers, rate: rate, results: results)
            }
        }
    }

    /// One watch: the revision and arrival time of every event, until cancelled.
    private static func watch(http: HTTPClient, server: ServeProcess, revision: String, base: ContinuousClock.Instant, connected: Counter) async -> [(Int64, Double)] {
        var seen: [(Int64, Double)] = []
        do {
            var request = HTTPClientRequest(url: server.config.server + "/apis/ocpctl.io/v1alpha1/namespaces/\(namespace)/clusters?watch=true&resourceVersion=\(revision)")
            if let token = server.config.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            let response = try await http.execute(request, timeout: .seconds(3600))
            guard response.status.code == 200 else { return seen }
            connected.increment()
            var pending: [UInt8] = []
            for try await chunk in response.body {
                let arrived = (ContinuousClock.now - base) / .seconds(1)
                pending.append(contentsOf: chunk.readableBytesView)
                // memchr and memmem over the raw bytes: generic collection searches made the client, not the
                // server, the bottleneck at 100,000 events a second.
                let consumed = pending.withUnsafeBytes { bytes in
                    Self.revisions(in: bytes) { seen.append(($0, arrived)) }
                }
                pending.removeSubrange(..<consumed)
            }
        } catch {}
        return seen
    }

    private static let marker = Array(#""resourceVersion":""#.utf8)

    /// Calls `found` with the first resourceVersion of each complete line in `bytes`; returns the bytes consumed.
    static func revisions(in bytes: UnsafeRawBufferPointer, _ found: (Int64) -> Void) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var start = 0
        while start < bytes.count, let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
            let end = base.distance(to: UnsafeRawPointer(newline))
            if let hit = find(marker, in: base, from: start, to: end) {
                var cursor = hit + marker.count
                var value: Int64 = 0
                var digits = 0
                while cursor < end, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") {
                    value = value * 10 + Int64(bytes[cursor] - UInt8(ascii: "0"))
                    cursor += 1
                    digits += 1
                }
                if digits > 0 { found(value) }
            }
            start = end + 1
        }
        return start
    }

    /// The offset of `needle` in `base[from..<to]`: memchr for its first byte, memcmp for the rest.
    private static func find(_ needle: [UInt8], in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        var at = from
        while to - at >= needle.count, let candidate = memchr(base + at, Int32(needle[0]), to - at - needle.count + 1) {
            let offset = base.distance(to: UnsafeRawPointer(candidate))
            if needle.withUnsafeBytes({ memcmp(candidate, $0.baseAddress!, needle.count) }) == 0 { return offset }
            at = offset + 1
        }
        return nil
    }

    /// Label changes at `rate` a second, open loop: each write's revision and its scheduled send time.
    private static func write(client: OCPClient, rate: Int, seconds: Double, base: ContinuousClock.Instant) async -> [Int64: Double] {
        let count = Int(Double(rate) * seconds)
        let start = ContinuousClock.now
        return await withTaskGroup(of: (Int64, Double)?.self) { group in
            for index in 0..<count {
                let scheduled = start + .seconds(Double(index) / Double(rate))
                try? await Task.sleep(until: scheduled, clock: .continuous)
                group.addTask {
                    let patch = Data(#"{"metadata":{"labels":{"bench-seq":"\#(index)"}}}"#.utf8)
                    guard let cluster = try? await client.patchCluster(namespace: namespace, name: "w\(index % clusters)", mergePatch: patch),
                          let revision = cluster.metadata.resourceVersion.flatMap(Int64.init) else { return nil }
                    return (revision, (scheduled - base) / .seconds(1))
                }
            }
            var sent: [Int64: Double] = [:]
            for await result in group { if let (revision, at) = result { sent[revision] = at } }
            return sent
        }
    }

    private static func report(store: String, watchers: Int, rate: Int,
                               results: (sent: [Int64: Double], received: [[(Int64, Double)]], idle: Int, watching: Int, peak: Int)) {
        var latencies: [Double] = []
        latencies.reserveCapacity(results.sent.count * watchers)
        for events in results.received {
            for (revision, arrived) in events { if let sent = results.sent[revision] { latencies.append(arrived - sent) } }
        }
        let expected = results.sent.count * watchers
        let summary = Summary(latencies)
        print("\(store) watch fan-out: \(watchers) watchers, \(results.sent.count) writes at \(rate)/s: delivered \(latencies.count) of \(expected); "
            + "latency p50 \(Report.ms(summary.p50)) ms, p99 \(Report.ms(summary.p99)) ms, max \(Report.ms(summary.max)) ms; "
            + "server RSS idle \(results.idle / 1024) MiB, with watchers \(results.watching / 1024) MiB, peak under load \(results.peak / 1024) MiB")
    }

    /// Resident memory of `pid` in KiB, from /proc.
    static func rss(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// A number several tasks raise.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0

    var value: Int { lock.withLock { stored } }
    func raise(_ value: Int) { lock.withLock { stored = max(stored, value) } }
    func increment() { lock.withLock { stored += 1 } }
}
