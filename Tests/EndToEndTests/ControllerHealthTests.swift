import AsyncHTTPClient
import Foundation
import Testing

/// A process of the controllers role can be probed and scraped like the API.
@Suite("Controller health and metrics", .serialized)
struct ControllerHealthTests {
    @Test("ocpctl controller serves /healthz, /readyz and /metrics on --metrics-port")
    func probes() async throws {
        let dataDir = temporaryDirectory("ocpctl-controller-health")
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let controller = ControllerProcess(arguments: ["--data-dir", dataDir, "--sim-durations", "instant", "--metrics-port", "0"],
                                           logPath: dataDir + "/controller.log")
        try controller.start()
        defer { controller.kill9() }
        let url = try await poll("the metrics endpoint is announced") { () -> String? in
            let log = (try? String(contentsOfFile: dataDir + "/controller.log", encoding: .utf8)) ?? ""
            guard let range = log.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else { return nil }
            return String(log[range])
        }
        func get(_ path: String) async throws -> (Int, String) {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url + path), timeout: .seconds(5))
            return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 22)))
        }
        #expect(try await get("/healthz") == (200, "ok"))
        try await eventually("ready") { try await get("/readyz").0 == 200 }
        let (code, metrics) = try await get("/metrics")
        #expect(code == 200)
        #expect(metrics.contains("ocpctl_clusters_total"), "\(metrics.prefix(500))")
    }
}
