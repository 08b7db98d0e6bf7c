import Foundation
import Logging
import OCPClient
import OCPLoader
import OCPModel
@testable import OCPServer
import OCPStore
import Prometheus
import ServiceLifecycle

/// A real API server on a free loopback port over a fresh SQLite store, with one token per role.
struct TestServer: Sendable {
    let store: SQLStore
    /// The store's directory: `ocpctl.db` in it is the SQLite file.
    let directory: String
    let port: Int
    let registry: PrometheusCollectorRegistry

    /// Users and their tokens: alice and bob are requesters in team-a and team-b.
    static let users: [(token: String, user: String, teams: [String], role: Role)] = [
        ("alice-token", "alice@example.com", ["team-a"], .requester),
        ("bob-token", "bob@example.com", ["team-b"], .requester),
        ("admin-token", "admin@example.com", [], .admin),
        ("auditor-token", "auditor@example.com", [], .auditor),
        ("controller-token", "system:controller", [], .controller),
    ]

    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let logger: Logger = {
        var logger = Logger(label: "ocpctl.test")
        logger.logLevel = .critical
        return logger
    }()

    /// A client authenticated as `token` (nil: no Authorization header).
    func client(_ token: String?) -> OCPClient {
        OCPClient(server: "http://127.0.0.1:\(port)", token: token)
    }

    var alice: OCPClient { client("alice-token") }
    var bob: OCPClient { client("bob-token") }
    var admin: OCPClient { client("admin-token") }

    /// Every cluster in the store and its revision, to show that a rejected request changed nothing.
    func snapshot() async throws -> StoreSnapshot {
        StoreSnapshot(revision: try await store.currentRevision(), clusters: try await store.listClusters(ClusterListQuery()).items)
    }

    /// Runs `body` against a fresh server and stops it gracefully afterwards.
    /// `now` is the server's clock (the machine's by default).
    static func with(maxBodyBytes: Int = 1 << 20, allowLocalRepos: Bool = false, watchHistory: Int = 10_000, gateway: GatewayAuthConfig? = nil,
                     oidc: OIDCAuthConfig? = nil, now: (@Sendable () -> Timestamp)? = nil,
                     _ body: @escaping @Sendable (TestServer) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-server-test-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let profiles = try ProfileLoader.load(directory: root + "/profiles")
        let tokens = TokenFile(tokens: users.map { .init(sha256: TokenFile.hash($0.token), user: $0.user, teams: $0.teams, role: $0.role) })
        let now: @Sendable () -> Timestamp = now ?? { Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)) }
        try await SQLStore.withStore(at: .sqlite(directory: directory), now: now(), logger: logger) { store in
            try await TokenSeeding.seed(tokens, into: store, now: now())
            let registry = PrometheusCollectorRegistry()
            var config = APIServerConfig(port: 0, maxBodyBytes: maxBodyBytes, version: "test", allowLocalRepos: allowLocalRepos)
            config.watchHistory = watchHistory
            // Concurrent repeats of a key wait for the first request however loaded the machine running the tests is.
            config.idempotencyWait = .seconds(120)
            config.gateway = gateway
            config.oidc = oidc
            let server = APIServer(config: config,
                                   store: store, profiles: profiles, registry: registry, now: now, logger: logger)
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let app = try server.application { port in continuation.yield(port) }
            let group = ServiceGroup(services: server.authServices + [app] + server.watchServices, gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { return }
                do {
                    try await body(TestServer(store: store, directory: directory, port: port, registry: registry))
                } catch {
                    await group.triggerGracefulShutdown()
                    throw error
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}

/// The store's whole cluster state at one moment.
struct StoreSnapshot: Equatable {
    var revision: Int64
    var clusters: [Cluster]
}

/// Manifests for tests.
enum Manifests {
    /// A valid cluster in `namespace` on the aws-minimal-test profile.
    static func cluster(_ name: String, namespace: String = "team-a", labels: [String: String]? = nil, workers: Int? = nil) -> String {
        var text = """
        apiVersion: ocpctl.io/v1alpha1
        kind: Cluster
        metadata:
          name: \(name)
          namespace: \(namespace)

        """
        if let labels {
            text += "  labels:\n" + labels.sorted { $0.key < $1.key }.map { "    \($0.key): \($0.value)\n" }.joined()
        }
        text += """
        spec:
          profile: aws-minimal-test
          costCenter: sandbox

        """
        if let workers { text += "  workers: \(workers)\n" }
        return text
    }

    static func path(_ namespace: String, _ name: String? = nil) -> String {
        "/apis/ocpctl.io/v1alpha1/namespaces/\(namespace)/clusters" + (name.map { "/\($0)" } ?? "")
    }
}
