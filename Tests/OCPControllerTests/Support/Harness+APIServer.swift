import Foundation
import OCPClient
import OCPModel
import OCPServer
import Prometheus
import ServiceLifecycle

extension Harness {
    /// Runs `body` with the real API server over the harness's store, on the harness's clock, and a client holding an
    /// admin token: what `ocpctl usage` and the REST API answer from the samples the controller wrote.
    func withAPIServer(_ body: @escaping @Sendable (OCPClient) async throws -> Void) async throws {
        let token = "week-admin-token"
        let tokens = TokenFile(tokens: [.init(sha256: TokenFile.hash(token), user: "admin@example.com", teams: [], role: .admin)])
        try await TokenSeeding.seed(tokens, into: store, now: now)
        let clock = clock
        let server = APIServer(config: APIServerConfig(port: 0), store: store, profiles: profiles, registry: PrometheusCollectorRegistry(),
                               now: { Timestamp(secondsSinceEpoch: Int64(clock.now())) }, logger: Harness.quietLogger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = ServiceGroup(services: [try server.application { continuation.yield($0) }], gracefulShutdownSignals: [],
                                 cancellationSignals: [], logger: Harness.quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { return }
            do {
                try await body(OCPClient(server: "http://127.0.0.1:\(port)", token: token))
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
