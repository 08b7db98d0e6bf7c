import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A JWKS served over plain HTTP on loopback, as an issuer's `jwks_uri`: the document can be replaced, and fetches are counted.
final class JWKSServer: Sendable {
    let port: Int
    private let state: Mutex<(document: Data, fetches: Int)>

    init(port: Int, document: Data) {
        self.port = port
        state = Mutex((document, 0))
    }

    /// How many times the document was fetched.
    var fetches: Int { state.withLock { $0.fetches } }

    /// Serves `document` from now on.
    func publish(_ document: Data) {
        state.withLock { $0.document = document }
    }

    func serve() -> Data {
        state.withLock { state in
            state.fetches += 1
            return state.document
        }
    }

    /// Runs `body` with a server of `document` at `/jwks`, then stops it.
    static func with(_ document: Data, _ body: @escaping @Sendable (JWKSServer) async throws -> Void) async throws {
        let ports = AsyncStream<Int>.makeStream()
        let holder = Mutex<JWKSServer?>(nil)
        let router = Router()
        router.get("jwks") { _, _ -> Response in
            let data = holder.withLock { $0 }?.serve() ?? Data()
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        }
        let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { ports.continuation.yield($0.localAddress?.port ?? 0) }, logger: TestServer.logger)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], cancellationSignals: [], logger: TestServer.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.stream.makeAsyncIterator()
            guard let port = await iterator.next() else { return }
            let server = JWKSServer(port: port, document: document)
            holder.withLock { $0 = server }
            do {
                try await body(server)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}
