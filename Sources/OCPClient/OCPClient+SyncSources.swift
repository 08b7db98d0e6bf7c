public import OCPModel

extension OCPClient {
    /// Sync sources of a namespace, or of all when `namespace` is nil.
    public func listSyncSources(namespace: String?) async throws -> [SyncSource] {
        let path = namespace.map { "\(Self.base)/namespaces/\(Self.escape($0))/syncsources" } ?? "\(Self.base)/syncsources"
        let list: ItemList<SyncSource> = try await call("GET", path)
        return list.items
    }

    /// One sync source.
    public func getSyncSource(namespace: String, name: String) async throws -> SyncSource {
        try await call("GET", Self.syncSourcePath(namespace, name))
    }

    /// Creates a sync source.
    public func createSyncSource(_ source: SyncSource) async throws -> SyncSource {
        try await call("POST", "\(Self.base)/namespaces/\(Self.escape(source.metadata.namespace ?? "default"))/syncsources",
                       body: ResourceEncoding.jsonData(source))
    }

    /// Replaces a sync source's spec and labels; a set `metadata.resourceVersion` is a precondition.
    public func replaceSyncSource(_ source: SyncSource) async throws -> SyncSource {
        try await call("PUT", Self.syncSourcePath(source.metadata.namespace ?? "default", source.metadata.name), body: ResourceEncoding.jsonData(source))
    }

    /// Deletes a sync source; the clusters it applied stay.
    public func deleteSyncSource(namespace: String, name: String) async throws -> SyncSource {
        try await call("DELETE", Self.syncSourcePath(namespace, name))
    }

    static func syncSourcePath(_ namespace: String, _ name: String) -> String {
        "\(base)/namespaces/\(escape(namespace))/syncsources/\(escape(name))"
    }
}
