public import OCPModel

/// How to reach a cluster once installed. Secrets are references only, never values.
public struct ClusterOutputs: Sendable, Hashable {
    public var clusterUID: String
    public var apiURL: String?
    public var consoleURL: String?
    /// Where the kubeconfig is kept, e.g. an object store URI.
    public var kubeconfigRef: String?
    /// A secret store reference for the kubeadmin password; the password itself is never stored.
    public var kubeadminPasswordRef: String?
    public var updatedAt: Timestamp?

    /// Creates outputs; `updatedAt` is set by the store from `now`.
    public init(clusterUID: String, apiURL: String? = nil, consoleURL: String? = nil, kubeconfigRef: String? = nil,
                kubeadminPasswordRef: String? = nil, updatedAt: Timestamp? = nil) {
        self.clusterUID = clusterUID
        self.apiURL = apiURL
        self.consoleURL = consoleURL
        self.kubeconfigRef = kubeconfigRef
        self.kubeadminPasswordRef = kubeadminPasswordRef
        self.updatedAt = updatedAt
    }
}

/// A stored file about a cluster: install-dir snapshot, logs.
public struct ClusterArtifact: Sendable, Hashable {
    /// Assigned by the store.
    public var id: String?
    public var clusterUID: String
    /// e.g. `InstallDirSnapshot`, `InstallLog`.
    public var type: String
    public var uri: String
    public var checksum: String?
    /// Bytes, when known.
    public var size: Int?
    public var createdAt: Timestamp?

    /// Creates an artifact record; `id` and `createdAt` are set by the store.
    public init(clusterUID: String, type: String, uri: String, checksum: String? = nil, size: Int? = nil) {
        self.clusterUID = clusterUID
        self.type = type
        self.uri = uri
        self.checksum = checksum
        self.size = size
    }
}

/// Maps a principal to a team and role.
public struct RBACMapping: Sendable, Hashable {
    public var principal: String
    public var team: String
    /// `requester`, `admin` or `auditor`.
    public var role: String
    public var enabled: Bool

    /// Creates a mapping.
    public init(principal: String, team: String, role: String, enabled: Bool = true) {
        self.principal = principal
        self.team = team
        self.role = role
        self.enabled = enabled
    }
}

/// A controller replica's last report: liveness and how far it has read the change stream.
public struct ControllerStatus: Sendable, Hashable {
    public var controller: String
    public var replica: String
    public var heartbeatAt: Timestamp
    public var observedRevision: Int64
    public var message: String

    /// Creates a report.
    public init(controller: String, replica: String, heartbeatAt: Timestamp, observedRevision: Int64, message: String = "") {
        self.controller = controller
        self.replica = replica
        self.heartbeatAt = heartbeatAt
        self.observedRevision = observedRevision
        self.message = message
    }
}
