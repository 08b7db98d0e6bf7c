import OCPModel
import OCPStore

/// The SyncSource kind: safe git inputs, and destinations beyond the source's own namespace for admins only.
struct SyncSourceHandler: ResourceHandler {
    let store: any ControlPlaneStore
    /// `file://` URLs and plain paths are accepted only when the server runs with `--allow-local-repos`.
    let allowLocalRepos: Bool
    let now: @Sendable () -> Timestamp
    let names = ResourceNames(kind: SyncSource.kind, namespaced: true)

    func decode(_ body: [UInt8]) throws(APIError) -> SyncSource {
        try strictDecode(body)
    }

    func get(namespace: String?, name: String) async throws -> SyncSource {
        try await store.getSyncSource(namespace: namespace ?? "default", name: name)
    }

    func list(namespace: String?, parameters: ListParameters, caller: Caller) async throws -> any Encodable & Sendable {
        let filter = try WatchFilter(namespace: namespace, parameters: parameters, identity: caller.identity)
        let sources = try await store.listSyncSources(namespace: namespace).filter { filter.matches($0.metadata) }
        return ItemList(kind: "SyncSourceList", items: sources)
    }

    func create(_ source: SyncSource, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> SyncSource {
        try admit(source, caller: caller)
        note.summary = summary(source, verb: "create")
        if dryRun {
            if (try? await get(namespace: source.metadata.namespace, name: source.metadata.name)) != nil {
                throw StoreError.alreadyExists(kind: SyncSource.kind, name: source.ownerName, key: .namespacedName)
            }
            var created = source
            created.metadata.generation = 1
            created.metadata.creationTimestamp = now()
            return created
        }
        return try await store.createSyncSource(source, now: now())
    }

    func update(_ desired: SyncSource, current: SyncSource, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> SyncSource {
        // A requester may not take over a source an admin gave other namespaces, even without touching that field.
        try admit(current, caller: caller, checkInputs: false)
        try admit(desired, caller: caller)
        note.summary = summary(desired, verb: "update")
        var next = current
        next.spec = desired.spec
        next.metadata.labels = desired.metadata.labels
        next.metadata.annotations = desired.metadata.annotations
        next.metadata.managedFields = desired.metadata.managedFields
        if dryRun {
            if next.spec != current.spec { next.metadata.generation = (current.metadata.generation ?? 1) + 1 }
            return next
        }
        return try await store.updateSyncSource(next)
    }

    func delete(_ current: SyncSource, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> SyncSource {
        try admit(current, caller: caller, checkInputs: false)
        note.summary = "syncsource deleted; its clusters stay"
        if !dryRun { try await store.deleteSyncSource(namespace: current.metadata.namespace ?? "default", name: current.metadata.name) }
        return current
    }

    /// Every field error at once (422), after the destination rule (403).
    private func admit(_ source: SyncSource, caller: Caller, checkInputs: Bool = true) throws(APIError) {
        if SyncDestinations(source).crossesNamespaces, caller.identity.role != .admin {
            throw APIError(.forbidden, "user \"\(caller.identity.user)\" cannot use a SyncSource with spec.destinationNamespaces "
                + "\(source.spec.destinationNamespaces ?? []): only an admin may let a source write outside its own namespace")
        }
        guard checkInputs else { return }
        let errors = typeErrors(source) + NameRules.dns1123Label(source.metadata.name, field: "metadata.name")
            + source.spec.validate(allowLocalRepos: allowLocalRepos)
        guard errors.isEmpty else { throw APIError.invalid(kind: names.kind, source.metadata.name, errors) }
    }

    private func summary(_ source: SyncSource, verb: String) -> String {
        var text = "syncsource \(verb): repo \(source.spec.repo) revision \(source.spec.revision ?? "HEAD") path \(source.spec.path ?? ".")"
        if let destinations = source.spec.destinationNamespaces { text += " destinations \(destinations.joined(separator: ","))" }
        return text
    }
}
