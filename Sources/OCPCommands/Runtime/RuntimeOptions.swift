import ArgumentParser
import Foundation
import Logging
import OCPInstaller
import OCPModel
import OCPRuntime
import OCPSimCloud
import OCPController
import ServiceLifecycle

/// Where the control plane keeps its state and how its controllers run; shared by `controller` and `serve`.
struct RuntimeOptions: ParsableArguments {
    @Option(help: "Data directory for the embedded SQLite store and the simulated cloud.")
    var dataDir: String = ".ocpctl"

    @Option(help: "PostgreSQL URL; replaces the embedded SQLite store, and holds the simulated cloud in its own schema.")
    var postgres: String?

    @Option(help: "Simulated cloud timing: demo (create 20 s, destroy 10 s, scale 5 s), instant, or create=S,destroy=S,scale=S.")
    var simDurations: String = "demo"

    @Option(help: "Reconciles run at once.")
    var workers: Int = 4

    @Option(help: "This replica's name when several controllers share PostgreSQL (default: host and process id).")
    var replicaID: String?

    @Option(help: "Seconds a replica's per-cluster lease lasts without renewal.")
    var leaseSeconds: Int64 = 15

    @Option(help: "Seconds between checks of clusters that need attention.")
    var attentionSeconds: Int64 = 30

    @Option(help: "Seconds between checks of stable clusters.")
    var stableSeconds: Int64 = 300

    @Option(help: "Seconds between janitor sweeps.")
    var janitorSeconds: Double = 60

    @Option(help: "Seconds a graceful stop (SIGTERM, SIGINT) may take before work still running is cancelled.")
    var shutdownSeconds: Double = 20

    @Option(help: "Seconds between compactions of the cluster change log; a watch may lag this long before it must list again (0: never compact).")
    var compactionSeconds: Double = 300

    @Flag(help: "Let SyncSources read file:// URLs and paths on this machine's disk (tests and demos only).")
    var allowLocalRepos = false

    @Option(help: "YAML file of git credentials per URL prefix (an SSH key file or an HTTPS token file each); never shown by the API.")
    var gitCredentials: String?

    @Option(help: "Which driver serves a profile platform: PLATFORM=simulated or PLATFORM=openshift-install (PLATFORM alone: openshift-install); repeatable. Default: aws=simulated.")
    var cloud: [String] = []

    @Option(help: "The openshift-install binary, or a directory of openshift-install-<version> binaries (default: openshift-install on PATH).")
    var installer: String?

    @Option(help: "The pull secret for openshift-install, from a file.")
    var pullSecretFile: String?

    @Option(help: "The pull secret for openshift-install, from this Secrets Manager secret (name or ARN).")
    var pullSecretID: String?

    @Option(help: "An SSH public key file for the nodes openshift-install creates.")
    var sshKeyFile: String?

    @Option(help: "Where the installer driver keeps install-dir snapshots, logs and kubeconfigs: s3://BUCKET/PREFIX or a directory (default: DATA-DIR/artifacts).")
    var artifacts: String?

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var eventOptions: EventOptions

    init() {}

    /// The drivers `--cloud` names, over the default of the simulated cloud for `aws`.
    func cloudChoices() throws -> CloudChoices {
        var choices = CloudChoices()
        for entry in cloud {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let platform = parts[0]
            guard !platform.isEmpty, let driver = CloudChoices.Driver(rawValue: parts.count > 1 ? parts[1] : "openshift-install") else {
                throw ValidationError("--cloud \"\(entry)\": use PLATFORM=simulated or PLATFORM=openshift-install")
            }
            choices.byPlatform[platform] = driver
        }
        return choices
    }

    /// The simulated cloud's timing from `--sim-durations`.
    func cloudConfig() throws -> SimulatedCloudConfig {
        switch simDurations {
        case "demo": return .demo
        case "instant": return .instant
        default:
            var config = SimulatedCloudConfig.instant
            for part in simDurations.split(separator: ",") {
                let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard pieces.count == 2, let seconds = Double(pieces[1]), seconds >= 0 else {
                    throw ValidationError("--sim-durations: \"\(part)\" is not NAME=SECONDS")
                }
                switch pieces[0] {
                case "create": config.createSeconds = seconds
                case "destroy": config.destroySeconds = seconds
                case "scale": config.scaleSeconds = seconds
                case "hibernate": config.hibernateSeconds = seconds
                case "resume": config.resumeSeconds = seconds
                default: throw ValidationError("--sim-durations: unknown operation \"\(pieces[0])\"; use create, destroy, scale, hibernate or resume")
                }
            }
            return config
        }
    }

    /// Controller settings: a replica id, and so leases, only when replicas can share the store.
    func controllerConfig() -> ControllerConfig {
        let replica = postgres == nil ? nil : (replicaID ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)")
        return ControllerConfig(workers: workers, resyncInterval: Double(stableSeconds), replicaID: replica, leaseSeconds: leaseSeconds)
    }
}

extension RuntimeOptions {
    /// The runtime configuration these flags describe.
    func config() throws -> RuntimeConfig {
        var config = RuntimeConfig(dataDir: dataDir, profilesDirectory: profileOptions.directory)
        config.postgres = postgres
        config.simulated = try cloudConfig()
        config.controller = controllerConfig()
        config.janitor = JanitorConfig(interval: janitorSeconds)
        config.planner = PlannerConfig(attentionInterval: .seconds(attentionSeconds), stableInterval: .seconds(stableSeconds))
        config.compactionSeconds = compactionSeconds
        config.allowLocalRepos = allowLocalRepos
        config.gitCredentialsPath = gitCredentials
        config.clouds = try cloudChoices()
        guard pullSecretFile == nil || pullSecretID == nil else { throw ValidationError("give --pull-secret-file or --pull-secret-id, not both") }
        config.installer = InstallerSettings(installer: installer, pullSecretFile: pullSecretFile, pullSecretID: pullSecretID,
                                             sshKeyFile: sshKeyFile, artifacts: artifacts)
        config.events = try eventOptions.settings()
        return config
    }

    /// The process's services, stopped gracefully on SIGTERM or SIGINT, in reverse order (list the API last, so it
    /// stops taking requests first). The whole stop fits in `--shutdown-seconds`: graceful for most of it, then the
    /// services are cancelled, leaving a quarter (at most 5 s) for cancellation and closing the store; a stop
    /// that overruns even that ends the process.
    func serviceGroup(_ services: [any Service], logger: Logger) -> ServiceGroup {
        let cancellation = min(5, shutdownSeconds / 4)
        var configuration = ServiceGroupConfiguration(services: services + [ShutdownDeadline(seconds: shutdownSeconds, logger: logger)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .milliseconds(Int64((shutdownSeconds - cancellation) * 1000))
        return ServiceGroup(configuration: configuration)
    }
}
