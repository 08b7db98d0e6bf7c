import OCPCloud
import OCPModel

/// One operation as the driver keeps it, durably, in the artifact store.
struct OperationRecord: Codable, Sendable, Hashable {
    var id: String
    var type: OperationType
    var state: OperationState
    var clusterUID: String
    var region: String
    var startedAt: Double
    var completesAt: Double
    var error: String?
    var artifacts: [CloudArtifact] = []
    /// The driver instance that runs it; another instance finding it running knows it was interrupted.
    var runner: String
    /// The installer's process (and process group) id while one runs, and the directory it works in.
    var pid: Int32?
    var workDirectory: String?
    /// What to do: the workers wanted, and (for Create) the cluster and profile to render.
    var workers: Int
    var tags: [String: String]
    var cluster: Cluster?
    var profile: Profile?

    var status: CloudOperationStatus {
        CloudOperationStatus(id: id, type: type, state: state, startedAt: startedAt, completesAt: completesAt, error: error,
                             artifacts: artifacts)
    }
}

/// What the driver knows about one cluster's install, durably: enough to observe, reach and destroy it.
struct ClusterRecord: Codable, Sendable, Hashable {
    var uid: String
    var name: String
    var baseDomain: String
    var region: String
    var version: String?
    /// The installer's own infraID, from metadata.json; nil until the installer wrote it.
    var infraID: String?
    var clusterID: String?
    /// True once a create succeeded, until a destroy succeeds.
    var installed = false
    /// What hibernate and resume last asked for.
    var poweredOn = true
    var apiURL: String?
    var consoleURL: String?
    var kubeconfigURI: String?
    var passwordRef: String?
    /// The latest install-dir snapshot, and the local install directory of the latest create.
    var snapshotURI: String?
    var installDirectory: String?
}
