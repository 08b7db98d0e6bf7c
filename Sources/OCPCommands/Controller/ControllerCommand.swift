import ArgumentParser
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

    func run() async throws {
        let logger = Logger(label: "ocpctl.controller")
        try await ControlPlaneRuntime.with(try runtime.config(), logger: logger) { runtime in
            let group = self.runtime.serviceGroup(runtime.controllerServices, logger: logger)
            logger.info("controller running", metadata: ["dataDir": "\(self.runtime.dataDir)", "store": "\(self.runtime.postgres == nil ? "sqlite" : "postgres")"])
            try await group.run()
        }
    }
}
