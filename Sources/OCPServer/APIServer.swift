import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import OCPAWS
import OCPConsole
import OCPOIDC
public import Logging
public import NIOSSL
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
    /// How many cluster changes the watch keeps for watchers resuming from a resourceVersion; older ones get 410.
    public var watchHistory = 10_000
    /// HTTPS with this configuration; nil serves plain HTTP.
    public var tls: TLSConfiguration?
    /// How long a repeat of an Idempotency-Key waits for the first request before answering 409.
    public var idempotencyWait: Duration = .seconds(5)
    /// Sign-in with AWS IAM (`k8s-aws-v1.` tokens); nil refuses such tokens.
    public var awsIAM: AWSIAMAuthConfig?
    /// Identity headers from a trusted proxy; nil ignores them.
    public var gateway: GatewayAuthConfig?
    /// Sign-in with OIDC tokens (JWTs) from one issuer; nil sends JWTs to the stored tokens like any other token.
    public var oidc: OIDCAuthConfig?

    /// Creates a configuration; the defaults are the embedded ones of `ocpctl serve`.
    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20, version: String = "dev", allowLocalRepos: Bool = false,
                tls: TLSConfiguration? = nil) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.version = version
        self.allowLocalRepos = allowLocalRepos
        self.tls = tls
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
    let clusterWatch: WatchHub<ClusterUpstream>
    let syncSourceWatch: WatchHub<SyncSourceUpstream>
    /// Made with the server, so the router and the key refresher share one cache of the issuer's keys.
    let oidc: OIDCTokenVerifier?

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
        clusterWatch = WatchHub(upstream: ClusterUpstream(store: store), capacity: max(1, config.watchHistory), logger: logger)
        syncSourceWatch = WatchHub(upstream: SyncSourceUpstream(store: store), logger: logger)
        oidc = config.oidc.map { [now] in OIDCTokenVerifier(provider: $0.provider, now: { Self.date(now()) }) }
    }

    /// Services the sign-in needs beside the application: the OIDC key refresher when OIDC sign-in is on.
    public var authServices: [any Service] {
        oidc.map { [$0.refresher(logger: logger)] } ?? []
    }

    /// The server's clock as the verifiers read it.
    static func date(_ timestamp: Timestamp) -> Date {
        Date(timeIntervalSince1970: TimeInterval(timestamp.secondsSinceEpoch))
    }

    /// The watch broadcasters, one change stream per kind for every watcher. Run them in the same ServiceGroup
    /// after `application(...)`: the group stops them first, which ends the watches so the server can drain.
    public var watchServices: [any Service] { [clusterWatch, syncSourceWatch] }

    /// The router with every route and the envelope middleware.
    func router() throws -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.add(middleware: EnvelopeMiddleware(metrics: HTTPMetrics(factory: metricsFactory)))
        let audit = AuditRecorder(store: store, now: now)
        let service = ServiceRoutes(store: store, registry: registry, version: config.version, profiles: profiles)
        service.register(on: router)

        // Everything under /apis is authenticated by one middleware and served by the generic resource layer.
        var authenticator = TokenAuthenticator(store: store, now: now)
        authenticator.iam = config.awsIAM.map { [now] iam in
            IAMAuthenticator(verifier: IAMTokenVerifier(trustedEndpoints: iam.stsEndpoints, clusterID: iam.clusterID, now: { Self.date(now()) }),
                             store: store)
        }
        authenticator.oidc = oidc.map { OIDCAuthenticator(verifier: $0, groups: config.oidc?.groups ?? [:], store: store) }
        var auth = AuthMiddleware(authenticator: authenticator, audit: audit)
        auth.gateway = config.gateway.map { GatewayAuthenticator(config: $0) }
        let apis = router.group(RouterPath(Self.apiBase))
        apis.add(middleware: auth)
        ReviewRoutes(maxBodyBytes: config.maxBodyBytes).register(on: router, auth: auth)
        // Discovery and OpenAPI, for authenticated callers as in Kubernetes.
        let described = router.group()
        described.add(middleware: auth)
        DiscoveryRoutes().register(on: described)
        OpenAPIRoutes(documents: try OpenAPIDocuments(version: config.version)).register(on: described)
        service.registerCatalogue(on: apis)
        var idempotency = IdempotencyGate(store: store, now: now)
        idempotency.inFlightWait = config.idempotencyWait
        let pipeline = WritePipeline(idempotency: idempotency, audit: audit, maxBodyBytes: config.maxBodyBytes)
        let clusters = ClusterHandler(store: store, admission: Admission(profiles: profiles), now: now)
        ResourceRoutes(handler: clusters, pipeline: pipeline, now: now, watch: { [clusterWatch] (request: Request, filter: WatchFilter) throws(APIError) -> Response in
            try clusterWatch.response(request, filter: filter, kind: Cluster.kind)
        }, listCache: ListResponseCache(currentRevision: { [store] in try await store.currentRevision() })).register(on: apis)
        ClusterRoutes(handler: clusters, pipeline: pipeline).register(on: apis)
        let legacy = router.group(RouterPath(ControllerReportRoutes.legacyBase))
        legacy.add(middleware: AuthMiddleware(authenticator: TokenAuthenticator(store: store, now: now), audit: audit))
        ControllerReportRoutes(store: store, pipeline: pipeline, now: now).register(on: apis, legacy: legacy)
        OutputRoutes(clusters: clusters, reader: outputReader, audit: audit).register(on: apis)
        UsageRoutes(store: store, now: now).register(on: apis)
        QuotaRoutes(store: store, profiles: profiles, audit: audit, maxBodyBytes: config.maxBodyBytes, now: now).register(on: apis)

        // The original REST API: its document is public, like /openapi/v2; everything else authenticated.
        router.get("\(V1Routes.base)/openapi.json") { _, _ in
            EnvelopeMiddleware.bytes(Array(V1OpenAPIDocument.json.utf8), code: 200)
        }
        let v1 = router.group(RouterPath(V1Routes.base))
        v1.add(middleware: V1ErrorMiddleware())
        v1.add(middleware: auth)
        var v1Idempotency = idempotency
        v1Idempotency.errorBody = V1ErrorMiddleware.body
        let v1Pipeline = WritePipeline(idempotency: v1Idempotency, audit: audit, maxBodyBytes: config.maxBodyBytes)
        V1Routes(clusters: clusters, pipeline: v1Pipeline, usage: UsageRoutes(store: store, now: now), profiles: profiles).register(on: v1)
        ResourceRoutes(handler: SyncSourceHandler(store: store, allowLocalRepos: config.allowLocalRepos, now: now), pipeline: pipeline, now: now,
                       watch: { [syncSourceWatch] (request: Request, filter: WatchFilter) throws(APIError) -> Response in
                           try syncSourceWatch.response(request, filter: filter, kind: SyncSource.kind)
                       }).register(on: apis)
        ResourceRoutes(handler: TokenHandler(store: store, now: now), pipeline: pipeline, now: now).register(on: apis)

        // The web console calls the API as the signed-in user through the router as built so far, which has every API
        // route and no console route: the same rules as any client, in process.
        let api = router.buildResponder()
        let consoleAPI = ConsoleAPI<APIContext> { request, context in
            var inner = context
            inner.identity = nil
            return try await api.respond(to: request, context: inner)
        }
        try Console(api: consoleAPI, secureCookies: config.tls != nil, now: now).register(on: router)
        return router
    }

    /// The Hummingbird application, a `Service`: graceful shutdown lets in-flight requests finish.
    public func application(onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }) throws -> some Service {
        Application(
            router: try router(),
            server: try config.tls.map { try HTTPServerBuilder.tls(.http1(additionalChannelHandlers: [HealthzFastPath()]), tlsConfiguration: $0) }
                ?? .http1(additionalChannelHandlers: [HealthzFastPath()]),
            configuration: ApplicationConfiguration(address: .hostname(config.host, port: config.port), serverName: "ocpctl"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? config.port) },
            logger: logger
        )
    }
}
