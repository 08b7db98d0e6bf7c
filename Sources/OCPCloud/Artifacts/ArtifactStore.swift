/// Where drivers keep what an install leaves: install-directory snapshots, installer logs, kubeconfigs.
/// Two backends: S3, and a directory under the data dir as the embedded default.
public protocol ArtifactStore: Sendable {
    /// Stores `bytes` under `key` (a relative path such as `clusters/<uid>/install-dir.tar.gz`) and returns where.
    func put(key: String, bytes: [UInt8], contentType: String) async throws -> StoredArtifact

    /// The bytes at `uri`, or nil when there are none.
    func get(uri: String) async throws -> [UInt8]?

    /// Deletes what is at `uri`; a missing object is not an error.
    func delete(uri: String) async throws
}

/// An object in an artifact store: its URI, SHA-256 and size.
public struct StoredArtifact: Sendable, Hashable, Codable {
    /// `s3://bucket/key` or `file:///...`.
    public var uri: String
    /// Lowercase hex SHA-256 of the bytes.
    public var sha256: String
    public var size: Int

    /// Creates a reference.
    public init(uri: String, sha256: String, size: Int) {
        self.uri = uri
        self.sha256 = sha256
        self.size = size
    }
}

/// An artifact an operation produced, for the store's `cluster_artifacts` table.
public struct CloudArtifact: Sendable, Hashable, Codable {
    /// `InstallDirSnapshot`, `InstallLog`, `DestroyLog`, `Kubeconfig`.
    public var type: String
    public var stored: StoredArtifact

    /// Creates an artifact record.
    public init(type: String, stored: StoredArtifact) {
        self.type = type
        self.stored = stored
    }
}

/// Where a driver streams an operation's log as it runs, so `ocpctl logs -f` follows it live.
/// Text arrives scrubbed of secrets; the sink only appends.
public protocol OperationLogSink: Sendable {
    /// Appends `text` to the log of the running operation `operationID`.
    func append(operationID: String, text: String) async
}
