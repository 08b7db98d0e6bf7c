import ArgumentParser
import Metrics
import OCPServer
import Prometheus
import OCPRuntime
import Logging
import ServiceLifecycle

/// `ocpctl controller`: the reconciler, the janitor and (on embedded defaults) the simulated cloud, with no API.
struct ControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Run the reconciler and the janitor against a data directory or PostgreSQL, without the API."
    )

    @OptionGroup var runtime: RuntimeOptions

    @Option(help: "Address for /metrics, /healthz and /readyz.")
    var metricsHost: String = "127.0.0.1"

    @Option(help: "Port for /metrics, /healthz and /readyz (0 picks a free one).")
    var metricsPort: Int = 0

    func run() async throws {
        LoggingSystem.bootstrap { LineLogHandler(label: $0, format: .text) }
        defer { LogWriter.standardError.flush() }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "ocpctl.controller")
        try await ControlPlaneRuntime.with(try runtime.config(), logger: logger) { runtime in
            let election = runtime.election
            let health = HealthServer(host: metricsHost, port: metricsPort, store: runtime.store, registry: registry,
                                      ready: { (election.hasDecided, "leader election has not settled yet") }, logger: logger)
            let services = runtime.controllerServices + [health.application { port in
                logger.info("metrics listening", metadata: ["url": "http://\(metricsHost):\(port)"])
            }]
            let group = self.runtime.serviceGroup(services, logger: logger)
            logger.info("controller running", metadata: ["dataDir": "\(self.runtime.dataDir)", "store": "\(self.runtime.postgres == nil ? "sqlite" : "postgres")"])
            try await group.run()
        }
    }
}
