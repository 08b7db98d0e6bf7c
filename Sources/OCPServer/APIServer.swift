import Hummingbird
public import Logging
public import Metrics
public import OCPCloud
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
    /// Accept SyncSources reading `file://` URLs and paths on the server's own disk (tests and demos).
    public var allowLocalRepos: Bool

    /// Creates a configuration; the defaults are the embedded ones of `ocpctl serve`.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20, version: String = "dev", allowLocalRepos: Bool = false) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.version = version
        self.allowLocalRepos = allowLocalRepos
    }
}

/// The HTTP API (architecture.md §6) over a store: build it, then run `application(...)` in a ServiceGroup.
public struct APIServer: Sendable {
    /// Where ocpctl's API group lives, as a Kubernetes API group does.
    static let apiBase = "/apis/ocpctl.io/v1alpha1"
    let config: APIServerConfig
    let store: any ControlPlaneStore
    let profiles: ProfileCatalog
    /// Reads the kubeconfigs and passwords that cluster outputs refer to; nil serves none.
    let outputReader: (any CloudProvider)?
    let registry: PrometheusCollectorRegistry
    let metricsFactory: any MetricsFactory
    let now: @Sendable () -> Timestamp
    let logger: Logger

    /// Creates the server; tokens are the store's (`TokenSeeding` puts a tokens file there on first start).
    /// `registry` is what `/metrics` exports; HTTP metrics go to `metricsFactory` (normally backed by it).
    public init(config: APIServerConfig, store: any ControlPlaneStore, profiles: ProfileCatalog, outputReader: (any CloudProvider)? = nil,
                registry: PrometheusCollectorRegistry, metricsFactory: (any MetricsFactory)? = nil,
                now: @escaping @Sendable () -> Timestamp, logger: Logger = Logger(label: "ocpctl.api")) {
        self.config = config
        self.store = store
        self.profiles = profiles
        self.outputReader = outputReader
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
        let service = ServiceRoutes(store: store, registry: registry, version: config.version, profiles: profiles)
        service.register(on: router)

        // Everything under /apis is authenticated by one middleware and served by the generic resource layer.
        let apis = router.group(RouterPath(Self.apiBase))
        apis.add(middleware: AuthMiddleware(authenticator: TokenAuthenticator(store: store, now: now), audit: audit))
        service.registerCatalogue(on: apis)
        let pipeline = WritePipeline(idempotency: IdempotencyGate(store: store, now: now), audit: audit, maxBodyBytes: config.maxBodyBytes)
        let clusters = ClusterHandler(store: store, admission: Admission(profiles: profiles), now: now)
        ResourceRoutes(handler: clusters, pipeline: pipeline).register(on: apis)
        ClusterRoutes(handler: clusters, pipeline: pipeline).register(on: apis)
        let legacy = router.group(RouterPath(ControllerReportRoutes.legacyBase))
        legacy.add(middleware: AuthMiddleware(authenticator: TokenAuthenticator(store: store, now: now), audit: audit))
        ControllerReportRoutes(store: store, pipeline: pipeline, now: now).register(on: apis, legacy: legacy)
        OutputRoutes(clusters: clusters, reader: outputReader, audit: audit).register(on: apis)
        ResourceRoutes(handler: SyncSourceHandler(store: store, allowLocalRepos: config.allowLocalRepos, now: now), pipeline: pipeline).register(on: apis)
        ResourceRoutes(handler: TokenHandler(store: store, now: now), pipeline: pipeline).register(on: apis)
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
