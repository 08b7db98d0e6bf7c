public import OCPModel

/// Where the pull secret comes from; it is never part of a cluster's spec.
public enum PullSecretSource: Sendable, Hashable {
    /// A file holding the pull secret JSON.
    case file(String)
    /// A Secrets Manager secret id (name or ARN), read in the control plane's region.
    case secretsManager(String)
    /// None configured: creates fail saying how to give one.
    case none
}

/// How the installer driver runs: which installers, where it works, what it gives the installer, how long it waits.
public struct InstallerDriverConfig: Sendable {
    /// The installer binaries.
    public var installer: InstallerLocation
    /// Install directories live under here, one per cluster uid and operation.
    public var workDirectory: String
    public var pullSecret: PullSecretSource
    /// An SSH public key file for the nodes; optional.
    public var sshPublicKeyFile: String?
    /// Seconds between looks at the cloud while hibernating, resuming or scaling.
    public var pollSeconds: Double
    /// Longest wait for instances to reach a state, in seconds.
    public var waitTimeoutSeconds: Double
    /// What `completesAt` promises while an operation runs, in seconds per type.
    public var estimatedSeconds: [OperationType: Double]

    /// A configuration with the usual timings.
    public init(installer: InstallerLocation, workDirectory: String, pullSecret: PullSecretSource, sshPublicKeyFile: String? = nil,
                pollSeconds: Double = 5, waitTimeoutSeconds: Double = 1800) {
        self.installer = installer
        self.workDirectory = workDirectory
        self.pullSecret = pullSecret
        self.sshPublicKeyFile = sshPublicKeyFile
        self.pollSeconds = pollSeconds
        self.waitTimeoutSeconds = waitTimeoutSeconds
        estimatedSeconds = [.create: 2700, .destroy: 1200, .scaleWorkers: 600, .hibernate: 300, .resume: 600]
    }
}
