import Hummingbird
public import Logging
public import OCPStore
public import Prometheus
public import ServiceLifecycle

/// `/healthz`, `/readyz` and `/metrics` for a process that serves no API (`--role controllers`), so every role
/// can be probed and scraped.
public struct HealthServer: Sendable {
    let host: String
    let port: Int
    let store: any ControlPlaneStore
    let registry: PrometheusCollectorRegistry
    /// Whether the process is ready besides its store, and why not.
    let ready: @Sendable () -> (Bool, String)
    let logger: Logger

    /// A server on `host:port`; `ready` adds the process's own readiness (for controllers: leader election settled).
    public init(host: String, port: Int, store: any ControlPlaneStore, registry: PrometheusCollectorRegistry,
                ready: @escaping @Sendable () -> (Bool, String), logger: Logger) {
        self.host = host
        self.port = port
        self.store = store
        self.registry = registry
        self.ready = ready
        self.logger = logger
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in "ok" }
        router.get("/readyz") { _, _ -> Response in
            do {
                _ = try await store.currentRevision()
            } catch {
                return Self.text("the store is not reachable", status: .serviceUnavailable)
            }
            let (isReady, reason) = ready()
            return Self.text(isReady ? "ok" : reason, status: isReady ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        return router
    }

    /// The Hummingbird application, a `Service`.
    public func application(onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) -> some Service {
        Application(router: router(), server: .http1(additionalChannelHandlers: [HealthzFastPath()]),
                    configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "ocpctl"),
                    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    private static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
