/// A page of clusters as the API returns it (`kind: ClusterList`).
public struct ClusterListDocument: Sendable, Hashable, Codable {
    /// List metadata: the revision read and the token for the next page.
    public struct Meta: Sendable, Hashable, Codable {
        public var resourceVersion: String?
        /// Present when more items may follow.
        public var `continue`: String?

        /// Creates list metadata.
        public init(resourceVersion: String?, continue token: String?) {
            self.resourceVersion = resourceVersion
            self.continue = token
        }
    }

    public var apiVersion: String = Cluster.apiVersion
    public var kind: String = "ClusterList"
    public var metadata: Meta
    public var items: [Cluster]

    /// Creates a list document.
    public init(items: [Cluster], resourceVersion: String?, continue token: String?) {
        self.items = items
        metadata = Meta(resourceVersion: resourceVersion, continue: token)
    }
}
