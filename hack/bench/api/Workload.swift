import Foundation
import OCPClient
import OCPModel

/// The requests the benchmark sends, against one running server.
struct Workload: Sendable {
    static let base = "/apis/ocpctl.io/v1alpha1"
    /// Where the GET and LIST cases read.
    static let seedNamespace = "bench"
    /// More than one page of 100, so LIST 100 returns a full page and a continue token.
    static let seedCount = 120

    let client: OCPClient

    /// A new cluster on the smallest profile; the server fills in the rest from it.
    static func cluster(_ name: String, namespace: String) -> Cluster {
        Cluster(metadata: ObjectMeta(name: name, namespace: namespace), spec: ClusterSpec(profile: "aws-minimal-test"))
    }

    /// Creates the clusters GET and LIST read, and waits until the controller has made them all Ready,
    /// so its reconciles are not running under the measurements.
    func seed() async throws {
        for index in 0..<Self.seedCount {
            _ = try await client.createCluster(Self.cluster("seed-\(index)", namespace: Self.seedNamespace))
        }
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline {
            let clusters = try await client.listAllClusters(namespace: Self.seedNamespace)
            if clusters.allSatisfy({ $0.status?.conditions.isTrue(ConditionType.ready) == true }) { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw BenchError("seeded clusters did not become Ready")
    }

    /// `/healthz`: no auth, no store; the server's ceiling.
    func healthz(_: Int) async -> String? {
        await ok("GET", "/healthz", authenticated: false)
    }

    /// GET one seeded cluster, a different one each time.
    func get(_ index: Int) async -> String? {
        await ok("GET", "\(Self.base)/namespaces/\(Self.seedNamespace)/clusters/seed-\(index % Self.seedCount)")
    }

    /// LIST the first page of 100.
    func list(_: Int) async -> String? {
        await ok("GET", "\(Self.base)/namespaces/\(Self.seedNamespace)/clusters?limit=100")
    }

    /// What `ocpctl apply` sends for a manifest not yet applied: a POST of a new cluster.
    func create(namespace: String, name: String) async -> String? {
        guard let body = try? ResourceEncoding.jsonData(Self.cluster(name, namespace: namespace)) else { return "cannot encode" }
        return await ok("POST", "\(Self.base)/namespaces/\(namespace)/clusters", body: body)
    }

    /// Sends one request; nil when it succeeded, else the error or the status and the start of the body.
    private func ok(_ method: String, _ path: String, body: Data? = nil, authenticated: Bool = true) async -> String? {
        do {
            let response = try await client.send(method, path, body: body, authenticated: authenticated)
            return (200..<300).contains(response.code) ? nil : "\(response.code): \(response.text.prefix(200))"
        } catch {
            return "\(error)"
        }
    }
}
