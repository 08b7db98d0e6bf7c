import Foundation
public import Logging
public import OCPCloud
public import OCPController
import OCPEvents
import OCPLoader
public import OCPModel
import OCPInstaller
public import OCPSimCloud
public import OCPStore
import OCPSync
public import ServiceLifecycle

/// The assembled control plane, like controller-runtime's manager: store, cloud drivers chosen per profile platform,
/// profiles, and the controller services, built from one `RuntimeConfig`.
public struct ControlPlaneRuntime: Sendable {
    public let store: SQLStore
    /// Every driver behind one provider, routed by profile platform (and wrapped by `decorateCloud`).
    public let cloud: any CloudProvider
    /// The embedded simulated account, whether or not a platform is routed to it.
    public let simulated: SimulatedCloud
    public let profiles: ProfileCatalog
    public let clock: any ControllerClock
    /// The reconciler the controller runs, for callers that reconcile one key themselves (benchmarks, tests).
    public let reconciler: ClusterReconciler
    public let controller: ClusterController
    public let janitor: Janitor
    public let syncSources: SyncSourceController
    /// Nil when compaction is turned off.
    public let compactor: ChangeLogCompactor?
    /// Which replica runs the singletons: the janitor, the SyncSource controller and compaction.
    public let election: LeaderElection
    /// Drivers that work in the background (the installer driver runs its operations as a service).
    public let driverServices: [any Service]
    /// The event publisher and reconcile schedule (architecture.md §9), a singleton.
    public let events: any Service

    /// The background services of the controller role: the reconciler and the drivers on every replica, and the
    /// singletons only on the elected leader.
    public var controllerServices: [any Service] {
        let singletons: [any Service] = [janitor, syncSources, events] + (compactor.map { [$0] } ?? [])
        return [controller, election] + driverServices + singletons.map { LeaderOnly($0, election: election, clock: clock) }
    }

    /// Opens everything `config` names, runs `body`, and closes it all again.
    ///
    /// `metrics` records what the controllers do; `decorateCloud` wraps the routed drivers, which is where tests
    /// inject cloud faults.
    public static func with<Result: Sendable>(
        _ config: RuntimeConfig, clock: any ControllerClock = SystemControllerClock(), metrics: ControllerMetrics = ControllerMetrics(),
        decorateCloud: @Sendable (any CloudProvider) -> any CloudProvider = { $0 }, logger: Logger,
        _ body: (ControlPlaneRuntime) async throws -> Result
    ) async throws -> Result {
        let profiles = try ProfileLoader.load(directory: config.profilesDirectory)
        let credentials = try config.gitCredentialsPath.map { try GitCredentials.load(path: $0) }
        let location: StoreLocation = config.postgres.map { .postgres(url: $0) } ?? .sqlite(directory: config.dataDir)
        let simulated = try await SimulatedCloud.open(dataDir: config.dataDir, postgres: config.postgres, config: config.simulated,
                                                      now: { clock.now() })
        do {
            let result = try await SQLStore.withStore(at: location, now: Timestamp(secondsSinceEpoch: Int64(clock.now())), logger: logger) { store in
                let now: @Sendable () -> Timestamp = { Timestamp(secondsSinceEpoch: Int64(clock.now())) }
                let chosen = try drivers(config, simulated: simulated, logSink: StoreLogSink(store: store, now: now, logger: logger),
                                         now: { clock.now() }, logger: logger)
                let cloud = decorateCloud(CloudDrivers(chosen.map { (platforms: $0.platforms, driver: $0.driver) }))
                let election = LeaderElection(store: store, clock: clock, replicaID: config.controller.replicaID,
                                              leaseSeconds: config.controller.leaseSeconds, logger: logger)
                let reconciler = ClusterReconciler(store: store, cloud: cloud, profiles: profiles, clock: clock, planner: config.planner,
                                                   metrics: metrics, logger: logger)
                let runtime = ControlPlaneRuntime(
                    store: store, cloud: cloud, simulated: simulated, profiles: profiles, clock: clock, reconciler: reconciler,
                    controller: ClusterController(store: store, reconciler: reconciler, clock: clock, config: config.controller, logger: logger),
                    janitor: Janitor(store: store, cloud: cloud, profiles: profiles, clock: clock, config: config.janitor,
                                     metrics: metrics, fence: election.singletonFence, logger: logger),
                    syncSources: SyncSourceController(store: store, profiles: profiles, clock: clock,
                                                      workDirectory: (config.dataDir as NSString).appendingPathComponent("sources"),
                                                      allowLocalRepos: config.allowLocalRepos, credentials: credentials,
                                                      metrics: metrics, fence: election.singletonFence, logger: logger),
                    compactor: config.compactionSeconds > 0
                        ? ChangeLogCompactor(store: store, clock: clock, interval: config.compactionSeconds,
                                             metrics: metrics, fence: election.singletonFence, logger: logger) : nil,
                    election: election,
                    driverServices: chosen.compactMap(\.service),
                    events: try EventServices(store: store, settings: config.events, platformOf: { profiles[$0]?.platform.rawValue },
                                              clock: clock, fence: election.singletonFence, logger: logger))
                return try await body(runtime)
            }
            try await simulated.close()
            return result
        } catch {
            try? await simulated.close()
            throw error
        }
    }

    /// The drivers the choices name, each with the platforms it serves and, when it works in the background, its service.
    static func drivers(_ config: RuntimeConfig, simulated: SimulatedCloud, logSink: any OperationLogSink, now: @escaping @Sendable () -> Double,
                        logger: Logger) throws -> [(platforms: [String], driver: any CloudProvider, service: (any Service)?)] {
        let choices = config.clouds
        let byDriver = Dictionary(grouping: choices.byPlatform.keys.sorted(), by: { choices.byPlatform[$0]! })
        return try byDriver.keys.sorted { $0.rawValue < $1.rawValue }.map { kind in
            let platforms = byDriver[kind] ?? []
            switch kind {
            case .simulated:
                return (platforms: platforms, driver: simulated, service: nil)
            case .openshiftInstall:
                let driver = try InstallerDriver.make(config.installer, dataDir: config.dataDir, logSink: logSink, now: now,
                                                      logger: Logger(label: "ocpctl.installer"))
                return (platforms: platforms, driver: driver, service: driver)
            }
        }
    }
}
