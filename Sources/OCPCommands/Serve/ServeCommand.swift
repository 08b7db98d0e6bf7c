import ArgumentParser
import OCPRuntime
import Foundation
import Logging
import Metrics
import OCPClient
import OCPModel
import OCPServer
import OCPTLS
import Prometheus
import ServiceLifecycle

/// `ocpctl serve`: the API, the reconciler, the janitor and the simulated cloud in one process, on embedded defaults.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the whole control plane: API, reconciler and simulated cloud (data in ./.ocpctl, SQLite, 127.0.0.1:8080)."
    )

    enum Role: String, ExpressibleByArgument, CaseIterable {
        case all, api, controllers
    }

    @OptionGroup var runtime: RuntimeOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one (the client config names it).")
    var port: Int = 8080

    @Option(help: "What this process runs: all, api (API replicas) or controllers (reconciler and janitor only).")
    var role: Role = .all

    @Option(help: "Tokens file that seeds the store's tokens on first start (default: DATA-DIR/tokens.yaml, created with an admin token); later tokens: ocpctl token create.")
    var tokens: String?

    @Option(help: "With --role controllers: port for /metrics, /healthz and /readyz (0 picks a free one).")
    var metricsPort: Int = 0

    @Option(help: "Largest request body accepted, in bytes.")
    var maxBodyBytes: Int = 1 << 20

    @Option(help: "Log format: json or text.")
    var logFormat: String = "json"

    @Flag(help: "Serve the API over plain HTTP instead of HTTPS (no certificate is made; the kubeconfig has no CA).")
    var insecureHTTP = false

    @Option(name: .customLong("aws-iam-sts-endpoint"),
            help: "Accept AWS IAM sign-in (k8s-aws-v1. tokens) presigned for this STS endpoint, e.g. https://sts.us-east-1.amazonaws.com; repeat for several.")
    var awsIAMSTSEndpoints: [String] = []

    @Option(name: .customLong("aws-iam-cluster-id"), help: "The x-k8s-aws-id AWS IAM tokens must be signed for.")
    var awsIAMClusterID: String = "ocpctl"

    @OptionGroup var gateway: GatewayOptions

    @OptionGroup var oidc: OIDCOptions

    func validate() throws {
        guard logFormat == "json" || logFormat == "text" else { throw ValidationError("--log-format must be json or text") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        _ = try awsIAM()
        _ = try gateway.config()
        _ = try oidc.config()
    }

    /// The AWS IAM sign-in settings, or nil without `--aws-iam-sts-endpoint`.
    func awsIAM() throws -> AWSIAMAuthConfig? {
        guard !awsIAMSTSEndpoints.isEmpty else { return nil }
        let endpoints = try awsIAMSTSEndpoints.map { text in
            guard let url = URL(string: text), url.scheme == "https" || url.scheme == "http", url.host != nil, url.user == nil,
                  url.path.isEmpty || url.path == "/", url.query == nil else {
                throw ValidationError("--aws-iam-sts-endpoint: \"\(text.prefix(200))\" must be an http(s) URL with a host and no path, e.g. https://sts.us-east-1.amazonaws.com")
            }
            return url
        }
        guard !awsIAMClusterID.isEmpty, awsIAMClusterID.utf8.count <= 128 else { throw ValidationError("--aws-iam-cluster-id must be 1 to 128 characters") }
        return AWSIAMAuthConfig(stsEndpoints: endpoints, clusterID: awsIAMClusterID)
    }

    func run() async throws {
        LoggingSystem.bootstrap { LineLogHandler(label: $0, format: logFormat == "json" ? .json : .text) }
        defer { LogWriter.standardError.flush() }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "ocpctl.serve")
        try FileManager.default.createDirectory(atPath: runtime.dataDir, withIntermediateDirectories: true)
        let access = role == .controllers ? nil : try FirstStart.prepare(dataDir: runtime.dataDir, tokensPath: tokens, logger: logger)
        try await ControlPlaneRuntime.with(try runtime.config(), logger: logger) { plane in
            // The API comes last: a stop ends its intake first, while the controllers still run.
            var services: [any Service] = role != .api ? plane.controllerServices : []
            if let access {
                let clock = plane.clock
                let now: @Sendable () -> Timestamp = { Timestamp(secondsSinceEpoch: Int64(clock.now())) }
                let seeded = try await TokenSeeding.seed(access.tokens, into: plane.store, now: now())
                if seeded > 0 { logger.info("tokens file seeded the store", metadata: ["tokens": "\(seeded)"]) }
                let certificates = insecureHTTP ? nil : try await ServingCertificates.loadOrCreate(
                    directory: runtime.dataDir + "/tls", hosts: FirstStart.certificateHosts(bindHost: host))
                var config = APIServerConfig(host: host, port: port, maxBodyBytes: maxBodyBytes, version: OcpctlVersion.current,
                                             allowLocalRepos: runtime.allowLocalRepos,
                                             tls: try certificates.map { try APIServerConfig.tls(certificatePEM: $0.certificatePEM, privateKeyPEM: $0.privateKeyPEM) })
                config.awsIAM = try awsIAM()
                config.gateway = try gateway.config()
                config.oidc = try oidc.config()
                let server = APIServer(
                    config: config,
                    store: plane.store, profiles: plane.profiles, outputReader: plane.cloud, registry: registry, now: now, logger: logger)
                // Before the application, so the issuer's keys stay fresh while it drains.
                services += server.authServices
                services.append(try server.application { port in
                    let url = FirstStart.url(scheme: certificates == nil ? "http" : "https", bindHost: host, port: port)
                    access.publish(server: url, certificateAuthorityPEM: certificates?.caPEM, logger: logger)
                    logger.info("API listening", metadata: ["url": "\(url)"])
                })
                // After the application, so a graceful shutdown ends the watches before the server drains.
                services += server.watchServices
            }
            if role == .controllers {
                let election = plane.election
                let health = HealthServer(host: host, port: metricsPort, store: plane.store, registry: registry,
                                          ready: { (election.hasDecided, "leader election has not settled yet") }, logger: logger)
                services.append(health.application { port in
                    logger.info("metrics listening", metadata: ["url": "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"])
                })
            }
            logger.info("control plane starting", metadata: [
                "role": "\(role.rawValue)", "dataDir": "\(runtime.dataDir)", "store": "\(runtime.postgres == nil ? "sqlite" : "postgres")",
            ])
            let group = runtime.serviceGroup(services, logger: logger)
            try await group.run()
            logger.info("control plane stopped")
        }
    }
}
