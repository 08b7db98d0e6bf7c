public import OCPCloud
public import Logging
import Foundation

/// The installer driver as the command line describes it: `--installer`, `--pull-secret-file`/`--pull-secret-id`,
/// `--ssh-key-file`, `--artifacts`.
public struct InstallerSettings: Sendable, Hashable {
    /// An installer binary, or a directory of `openshift-install-<version>`; nil: `openshift-install` on PATH.
    public var installer: String?
    public var pullSecretFile: String?
    public var pullSecretID: String?
    public var sshKeyFile: String?
    /// `s3://bucket/prefix` or a directory; nil: `<data dir>/artifacts`.
    public var artifacts: String?

    /// Settings; every field optional.
    public init(installer: String? = nil, pullSecretFile: String? = nil, pullSecretID: String? = nil, sshKeyFile: String? = nil,
                artifacts: String? = nil) {
        self.installer = installer
        self.pullSecretFile = pullSecretFile
        self.pullSecretID = pullSecretID
        self.sshKeyFile = sshKeyFile
        self.artifacts = artifacts
    }
}

extension InstallerDriver {
    /// A driver working under `dataDir/installer`, with the artifact store and secrets `settings` name.
    public static func make(_ settings: InstallerSettings, dataDir: String, logSink: any OperationLogSink,
                            now: @escaping @Sendable () -> Double, logger: Logger) throws -> InstallerDriver {
        let aws = AWSAccess(logger: logger)
        let artifacts: any KeyedArtifactStore
        switch try ArtifactLocation.parse(settings.artifacts ?? "\(dataDir)/artifacts") {
        case .directory(let directory):
            artifacts = try DirectoryArtifactStore(directory: directory)
        case .s3(let bucket, let prefix):
            artifacts = S3ArtifactStore(bucket: bucket, prefix: prefix) { try await aws.client(region: nil) }
        }
        let pullSecret: PullSecretSource = settings.pullSecretFile.map { .file($0) } ?? settings.pullSecretID.map { .secretsManager($0) } ?? .none
        let work = URL(fileURLWithPath: dataDir).appendingPathComponent("installer").standardizedFileURL.path
        let config = InstallerDriverConfig(installer: InstallerLocation.parse(settings.installer), workDirectory: work, pullSecret: pullSecret,
                                           sshPublicKeyFile: settings.sshKeyFile)
        return InstallerDriver(config: config, artifacts: artifacts, aws: aws, logSink: logSink, now: now, logger: logger)
    }
}
