public import OCPController
public import OCPEvents
public import OCPInstaller
public import OCPModel
public import OCPSimCloud

/// Everything that assembles one control plane, as a value: `serve`, `controller`, the tests and the benchmarks
/// build it from their own flags or settings and hand it to `ControlPlaneRuntime.with`.
public struct RuntimeConfig: Sendable {
    /// Data directory: the embedded SQLite store, the simulated cloud, SyncSource checkouts, artifacts.
    public var dataDir: String
    /// PostgreSQL URL; replaces the embedded SQLite store.
    public var postgres: String?
    /// Directory of cluster profiles.
    public var profilesDirectory: String
    /// Which driver serves each profile platform.
    public var clouds: CloudChoices
    /// The installer driver's binaries, secrets and artifact store, for platforms served by `openshift-install`.
    public var installer: InstallerSettings
    /// The simulated cloud's timing.
    public var simulated: SimulatedCloudConfig
    public var controller: ControllerConfig
    public var janitor: JanitorConfig
    /// How soon the reconciler looks again, and how it backs off after failures.
    public var planner: PlannerConfig
    /// Seconds between change-log compactions; 0 never compacts.
    public var compactionSeconds: Double
    /// Whether SyncSources may read `file://` URLs and local paths.
    public var allowLocalRepos: Bool
    /// A git credentials file for private repositories.
    public var gitCredentialsPath: String?
    /// Event sinks and the reconcile-event schedule.
    public var events: EventSettings

    /// A configuration on the embedded defaults, in `dataDir`.
    public init(dataDir: String, profilesDirectory: String = "profiles") {
        self.dataDir = dataDir
        self.profilesDirectory = profilesDirectory
        clouds = CloudChoices()
        installer = InstallerSettings()
        simulated = .demo
        controller = ControllerConfig()
        janitor = JanitorConfig()
        planner = .standard
        compactionSeconds = 300
        allowLocalRepos = false
        events = EventSettings()
    }
}

/// Which driver serves each profile platform. The simulated cloud is the embedded default for `aws`;
/// a platform missing here gets `Accepted=False` with reason `NoCloudDriver`.
public struct CloudChoices: Sendable, Hashable {
    /// The kinds of driver.
    public enum Driver: String, Sendable, Hashable, CaseIterable {
        /// The embedded simulated account.
        case simulated
        /// A real account through `openshift-install`.
        case openshiftInstall = "openshift-install"
    }

    /// Platform → driver.
    public var byPlatform: [String: Driver]

    /// The embedded default: `aws` on the simulated cloud.
    public init(byPlatform: [String: Driver] = ["aws": .simulated]) {
        self.byPlatform = byPlatform
    }
}
