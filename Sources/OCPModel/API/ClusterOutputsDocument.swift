/// How to reach an installed cluster, as `GET .../clusters/{name}/outputs` answers: URLs, and references to the
/// kubeconfig (downloadable by the owning team at `kubeconfigPath`) and to the kubeadmin password (admins only).
public struct ClusterOutputsDocument: Sendable, Hashable, Codable {
    public var apiVersion: String = Cluster.apiVersion
    public var kind: String = "ClusterOutputs"
    public var namespace: String
    public var name: String
    public var apiURL: String?
    public var consoleURL: String?
    /// Where the kubeconfig is kept, and the API path that serves it.
    public var kubeconfigRef: String?
    public var kubeconfigPath: String?
    /// Where the kubeadmin password is kept; never the password. `kubeadminPasswordPath` reveals it to admins.
    public var kubeadminPasswordRef: String?
    public var kubeadminPasswordPath: String?
    public var updatedAt: Timestamp?

    /// Creates a document.
    public init(namespace: String, name: String, apiURL: String?, consoleURL: String?, kubeconfigRef: String?, kubeconfigPath: String?,
                kubeadminPasswordRef: String?, kubeadminPasswordPath: String?, updatedAt: Timestamp?) {
        self.namespace = namespace
        self.name = name
        self.apiURL = apiURL
        self.consoleURL = consoleURL
        self.kubeconfigRef = kubeconfigRef
        self.kubeconfigPath = kubeconfigPath
        self.kubeadminPasswordRef = kubeadminPasswordRef
        self.kubeadminPasswordPath = kubeadminPasswordPath
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, namespace, name, apiURL, consoleURL, kubeconfigRef, kubeconfigPath, kubeadminPasswordRef, kubeadminPasswordPath, updatedAt
    }
}
