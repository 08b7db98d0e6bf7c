/// Why an installer operation failed; every message is safe to show: no secret is ever part of one.
public enum InstallerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No installer binary for the cluster's version.
    case installerMissing(String)
    /// A setting of the driver is missing or wrong (pull secret, SSH key, artifact location).
    case configuration(String)
    /// AWS refused the credentials, or none could be found.
    case credentials(String)
    /// The request lacks what the operation needs.
    case badRequest(String)
    /// `openshift-install` exited non-zero; `detail` holds its last error lines, scrubbed.
    case installerFailed(command: String, exitCode: Int32, detail: String)
    /// What an earlier attempt left must go before a new install starts.
    case leftovers(infraID: String, resources: [String])
    /// Destroy finished but the cloud still has resources tagged for the cluster.
    case destroyLeftResources(infraID: String, resources: [String])
    /// The controller running the operation stopped before it finished.
    case interrupted(String)
    /// The cloud did not reach the wanted state in time.
    case timedOut(String)
    /// The cluster's API refused or failed a request.
    case clusterAPI(String)
    /// An AWS call failed.
    case aws(String)

    public var description: String {
        switch self {
        case .installerMissing(let message): "no installer: \(message)"
        case .configuration(let message): "installer driver configuration: \(message)"
        case .credentials(let message): "AWS credentials: \(message)"
        case .badRequest(let message): "bad request: \(message)"
        case .installerFailed(let command, let code, let detail):
            "openshift-install \(command) exited with code \(code)\(detail.isEmpty ? "" : ": \(detail)")"
        case .leftovers(let infraID, let resources):
            "\(resources.count) resources of an earlier attempt (\(infraID)) still exist and must be destroyed first: \(Self.list(resources))"
        case .destroyLeftResources(let infraID, let resources):
            "destroy left \(resources.count) resources tagged kubernetes.io/cluster/\(infraID): \(Self.list(resources))"
        case .interrupted(let message): "interrupted: \(message)"
        case .timedOut(let message): "timed out: \(message)"
        case .clusterAPI(let message): "cluster API: \(message)"
        case .aws(let message): message
        }
    }

    /// The first ten names, then how many more.
    static func list(_ names: [String]) -> String {
        let sorted = names.sorted()
        return sorted.prefix(10).joined(separator: ", ") + (sorted.count > 10 ? " and \(sorted.count - 10) more" : "")
    }
}
