import Foundation
import ServiceLifecycle
import Logging
import OCPCloud
import OCPController
import OCPModel
import OCPStore
import OCPSync

/// The assembled control plane: store, simulated cloud, profiles, and the controller and janitor services.
struct ControlPlaneRuntime: Sendable {
    let store: SQLStore
    let cloud: SimulatedCloud
    let profiles: ProfileCatalog
    let clock: any ControllerClock
    let controller: ClusterController
    let janitor: Janitor
    let syncSources: SyncSourceController
    /// Nil when compaction is turned off.
    let compactor: ChangeLogCompactor?

    /// The background services of the controller role: reconciler, janitor, sync sources and compaction.
    var controllerServices: [any Service] { [controller, janitor, syncSources] + (compactor.map { [$0] } ?? []) }

    /// Opens everything `options` names, runs `body`, and closes it all again.
    static func with<Result: Sendable>(
        _ options: RuntimeOptions, clock: any ControllerClock = SystemControllerClock(), logger: Logger,
        _ body: (ControlPlaneRuntime) async throws -> Result
    ) async throws -> Result {
        let profiles = try options.profileOptions.load()
        let credentials = try options.gitCredentials.map { try GitCredentials.load(path: $0) }
        let location: StoreLocation = options.postgres.map { .postgres(url: $0) } ?? .sqlite(directory: options.dataDir)
        let cloud = try await SimulatedCloud.open(directory: options.dataDir, config: try options.cloudConfig(), now: { clock.now() })
        do {
            let result = try await SQLStore.withStore(at: location, now: Timestamp(secondsSinceEpoch: Int64(clock.now())), logger: logger) { store in
                let planner = PlannerConfig(attentionInterval: .seconds(options.attentionSeconds), stableInterval: .seconds(options.stableSeconds))
                let reconciler = ClusterReconciler(store: store, cloud: cloud, profiles: profiles, clock: clock, planner: planner, logger: logger)
                let runtime = ControlPlaneRuntime(
                    store: store, cloud: cloud, profiles: profiles, clock: clock,
                    controller: ClusterController(store: store, reconciler: reconciler, clock: clock, config: options.controllerConfig(), logger: logger),
                    janitor: Janitor(store: store, cloud: cloud, profiles: profiles, clock: clock,
                                     config: JanitorConfig(interval: options.janitorSeconds), logger: logger),
                    syncSources: SyncSourceController(store: store, profiles: profiles, clock: clock,
                                                      workDirectory: (options.dataDir as NSString).appendingPathComponent("sources"),
                                                      allowLocalRepos: options.allowLocalRepos, credentials: credentials, logger: logger),
                    compactor: options.compactionSeconds > 0
                        ? ChangeLogCompactor(store: store, clock: clock, interval: options.compactionSeconds, logger: logger) : nil)
                return try await body(runtime)
            }
            try await cloud.close()
            return result
        } catch {
            try? await cloud.close()
            throw error
        }
    }
}
