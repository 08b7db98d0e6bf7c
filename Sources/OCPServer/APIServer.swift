import Hummingbird
public import Logging
public import Metrics
public import OCPModel
public import OCPStore
public import Prometheus
public import ServiceLifecycle

/// How the API server listens and what it tells.
public struct APIServerConfig: Sendable {
    public var host: String
    /// 0 picks a free port; `onServerRunning` learns which.
    public var port: Int
    /// Larger request bodies get 413.
    public var maxBodyBytes: Int
    /// What `/version` reports.
    public var version: String

    /// Creates a configuration; the defaults are the embedded ones of `ocpctl serve`.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20, version: String = "dev") {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.version = version
    }
}

/// The HTTP API (DESIGN §6) over a store: build it, then run `application(...)` in a ServiceGroup.
public struct APIServer: Sendable {
    let config: APIServerConfig
    let store: any ControlPlaneStore
    let profiles: ProfileCatalog
    let authenticator: Authenticator
    let registry: PrometheusCollectorRegistry
    let metricsFactory: any MetricsFactory
    let now: @Sendable () -> Timestamp
    let logger: Logger

    /// Creates the server. `registry` is what `/metrics` exports; HTTP metrics go to `metricsFactory` (normally backed by it).
    public init(config: APIServerConfig, store: any ControlPlaneStore, profiles: ProfileCatalog, tokens: TokenFile,
                registry: PrometheusCollectorRegistry, metricsFactory: (any MetricsFactory)? = nil,
                now: @escaping @Sendable () -> Timestamp, logger: Logger = Logger(label: "ocpctl.api")) {
        self.config = config
        self.store = store
        self.profiles = profiles
        authenticator = Authenticator(tokens: tokens)
        self.registry = registry
        self.metricsFactory = metricsFactory ?? PrometheusMetricsFactory(registry: registry)
        self.now = now
        self.logger = logger
    }

    /// The router with every route and the envelope middleware.
    func router() -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.add(middleware: EnvelopeMiddleware(metrics: HTTPMetrics(factory: metricsFactory)))
        let audit = AuditRecorder(store: store, now: now)
        let api = ClusterAPI(store: store, admission: Admission(profiles: profiles), audit: audit, now: now)
        let clusters = ClusterRoutes(api: api, authenticator: authenticator, idempotency: IdempotencyGate(store: store, now: now),
                                     maxBodyBytes: config.maxBodyBytes, audit: audit)
        clusters.register(on: router)
        SyncSourceRoutes(store: store, clusters: clusters, audit: audit, maxBodyBytes: config.maxBodyBytes, now: now).register(on: router)
        ServiceRoutes(store: store, registry: registry, version: config.version, profiles: profiles, clusters: clusters).register(on: router)
        return router
    }

    /// The Hummingbird application, a `Service`: graceful shutdown lets in-flight requests finish.
    public func application(onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) -> some Service {
        Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(config.host, port: config.port), serverName: "ocpctl"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? config.port) },
            logger: logger
        )
    }
}
