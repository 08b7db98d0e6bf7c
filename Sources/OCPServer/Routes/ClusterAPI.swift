import Foundation
import Logging
import OCPModel
import OCPStore

/// One API call's caller and tracing context.
struct Caller: Sendable {
    var identity: Identity
    var requestID: String
    var logger: Logger
}

/// The cluster resource's verbs, independent of the HTTP framework: decode, authorize, admit, write, audit.
struct ClusterAPI: Sendable {
    let store: any ControlPlaneStore
    let admission: Admission
    let audit: AuditRecorder
    let now: @Sendable () -> Timestamp

    // MARK: Reads

    func get(namespace: String, name: String, caller: Caller) async throws -> Cluster {
        try Authorization.check(caller.identity, .read, namespace: namespace)
        return try await store.getCluster(ClusterKey(namespace: namespace, name: name))
    }

    /// One page; a requester listing every namespace sees its teams' clusters only.
    func list(namespace: String?, selector: String?, limit: String?, continueToken: String?, caller: Caller) async throws -> ClusterListDocument {
        if let namespace { try Authorization.check(caller.identity, .read, namespace: namespace) }
        var query = ClusterListQuery(namespace: namespace, continueToken: continueToken)
        if let selector, !selector.isEmpty {
            do {
                query.selector = try LabelSelector(parsing: selector)
            } catch {
                throw APIError(.badRequest, "unable to parse labelSelector \"\(selector)\": \(error)")
            }
        }
        if let limit {
            guard let value = Int(limit), value >= 0 else { throw APIError(.badRequest, "limit must be a non-negative integer, got \"\(limit)\"") }
            query.limit = value == 0 ? nil : value
        }
        let page = try await store.listClusters(query)
        var items = page.items
        if namespace == nil && !Authorization.readsEverything(caller.identity) {
            let teams = Set(caller.identity.teams)
            items = items.filter { teams.contains($0.metadata.namespace ?? "") }
        }
        return ClusterListDocument(items: items, resourceVersion: String(page.revision), continue: page.continueToken)
    }

    func operations(namespace: String, name: String, caller: Caller) async throws -> [OperationDocument] {
        let cluster = try await get(namespace: namespace, name: name, caller: caller)
        guard let uid = cluster.metadata.uid else { return [] }
        return try await store.listOperations(clusterUID: uid).map {
            OperationDocument(operation: $0.operation, requestID: $0.requestID, log: $0.log)
        }
    }

    /// The audit events about one cluster, for whoever may read it (like `kubectl describe` shows events).
    func events(namespace: String, name: String, limit: Int?, caller: Caller) async throws -> [AuditEvent] {
        try Authorization.check(caller.identity, .read, namespace: namespace)
        return try await store.listAuditEvents(AuditQuery(namespace: namespace, name: name)).suffix(limit ?? .max)
    }

    /// The whole audit trail, admins and auditors only.
    func auditTrail(query: AuditQuery, caller: Caller) async throws -> [AuditEvent] {
        try Authorization.checkAuditTrail(caller.identity)
        return try await store.listAuditEvents(query)
    }

    // MARK: Writes

    /// POST: 201 with the stored object.
    func create(namespace: String, body: [UInt8], dryRun: Bool, caller: Caller) async throws -> Cluster {
        try await audited("create", namespace: namespace, name: nil, dryRun: dryRun, caller: caller) { audit in
            try Authorization.check(caller.identity, .write, namespace: namespace)
            var cluster = try admission.decode(body)
            audit.name = cluster.metadata.name
            try admission.place(&cluster, namespace: namespace, name: nil)
            cluster = try admission.admit(Self.clearedForCreate(cluster), requester: caller.identity.user, previous: nil)
            cluster.metadata.annotations = stamped(cluster.metadata.annotations, caller)
            audit.summary = ChangeSummary.describe(created: cluster)
            if dryRun {
                if (try? await store.getCluster(ClusterKey(namespace: namespace, name: cluster.metadata.name))) != nil {
                    throw StoreError.alreadyExists(kind: "Cluster", name: cluster.metadata.name, key: .namespacedName)
                }
                cluster.metadata.generation = 1
                cluster.metadata.creationTimestamp = now()
                return cluster
            }
            return try await store.createCluster(cluster, now: now())
        }
    }

    /// PUT: replaces labels, annotations and spec; a `metadata.resourceVersion` in the body is a precondition.
    func replace(namespace: String, name: String, body: [UInt8], dryRun: Bool, caller: Caller) async throws -> Cluster {
        try await audited("update", namespace: namespace, name: name, dryRun: dryRun, caller: caller) { audit in
            try Authorization.check(caller.identity, .write, namespace: namespace)
            var desired = try admission.decode(body)
            try admission.place(&desired, namespace: namespace, name: name)
            return try await update(to: desired, namespace: namespace, name: name, dryRun: dryRun, caller: caller, audit: &audit)
        }
    }

    /// PATCH with `application/merge-patch+json`: the patched object goes through the same checks as a PUT.
    func patch(namespace: String, name: String, body: [UInt8], contentType: String?, dryRun: Bool, caller: Caller) async throws -> Cluster {
        try await audited("patch", namespace: namespace, name: name, dryRun: dryRun, caller: caller) { audit in
            try Authorization.check(caller.identity, .write, namespace: namespace)
            try Self.requireMergePatch(contentType)
            let current = try await store.getCluster(ClusterKey(namespace: namespace, name: name))
            var base = current
            base.status = nil
            base.metadata.resourceVersion = nil
            let patched = try MergePatch.apply(body, to: try ResourceEncoding.jsonData(base))
            var desired = try admission.decode(Array(patched))
            try admission.place(&desired, namespace: namespace, name: name)
            return try await update(to: desired, namespace: namespace, name: name, dryRun: dryRun, caller: caller, audit: &audit, current: current)
        }
    }

    /// PUT `/status`: controller and admins only; never bumps generation.
    func replaceStatus(namespace: String, name: String, body: [UInt8], caller: Caller) async throws -> Cluster {
        try await audited("update-status", namespace: namespace, name: name, dryRun: false, caller: caller) { audit in
            try Authorization.check(caller.identity, .writeStatus, namespace: namespace)
            var desired = try admission.decode(body)
            try admission.place(&desired, namespace: namespace, name: name)
            guard let status = desired.status else {
                throw APIError.invalid(name, [FieldError(reason: .required, field: "status", message: "a status update needs a status")])
            }
            audit.summary = "status.phase=\(status.phase?.rawValue ?? "(none)")"
            return try await store.updateClusterStatus(ClusterKey(namespace: namespace, name: name), status: status,
                                                       resourceVersion: desired.metadata.resourceVersion, fence: nil)
        }
    }

    /// DELETE: sets `deletionTimestamp` and returns the object; `resourceVersion` is an optional precondition.
    func delete(namespace: String, name: String, resourceVersion: String?, dryRun: Bool, caller: Caller) async throws -> Cluster {
        try await audited("delete", namespace: namespace, name: name, dryRun: dryRun, caller: caller) { audit in
            try Authorization.check(caller.identity, .write, namespace: namespace)
            let key = ClusterKey(namespace: namespace, name: name)
            var current = try await store.getCluster(key)
            if let resourceVersion, resourceVersion != current.metadata.resourceVersion {
                throw StoreError.conflict(kind: "Cluster", name: name, expectedVersion: resourceVersion, actual: current.metadata.resourceVersion ?? "")
            }
            audit.summary = current.metadata.deletionTimestamp == nil ? "deletion requested" : "deletion already requested"
            if dryRun {
                current.metadata.deletionTimestamp = current.metadata.deletionTimestamp ?? now()
                return current
            }
            if current.metadata.deletionTimestamp == nil {
                // Stamp the request ID first, so the Destroy operation the reconciler starts names this request.
                var stamped = current
                stamped.metadata.annotations = self.stamped(current.metadata.annotations, caller)
                current = try await store.updateCluster(stamped)
            }
            let deleting = try await store.deleteCluster(key, resourceVersion: current.metadata.resourceVersion, now: now())
            if let deleting { return deleting }
            current.metadata.deletionTimestamp = now()
            return current
        }
    }

    // MARK: Helpers

    private func update(to body: Cluster, namespace: String, name: String, dryRun: Bool, caller: Caller, audit: inout AuditNote,
                        current known: Cluster? = nil) async throws -> Cluster {
        var current: Cluster
        if let known { current = known } else { current = try await store.getCluster(ClusterKey(namespace: namespace, name: name)) }
        if let expected = body.metadata.resourceVersion, expected != current.metadata.resourceVersion {
            throw StoreError.conflict(kind: "Cluster", name: name, expectedVersion: expected, actual: current.metadata.resourceVersion ?? "")
        }
        let admitted = try admission.admit(body, requester: caller.identity.user, previous: current)
        var next = current
        next.spec = admitted.spec
        next.metadata.labels = admitted.metadata.labels
        var annotations = admitted.metadata.annotations ?? [:]
        annotations[Cluster.requestIDAnnotation] = current.metadata.annotations?[Cluster.requestIDAnnotation]
        next.metadata.annotations = annotations.isEmpty ? nil : annotations
        audit.summary = ChangeSummary.describe(old: current, new: next)
        // Like Kubernetes, a write that changes nothing stores nothing: resourceVersion stays, so `apply` can say "unchanged".
        if next == current || dryRun {
            if next != current, next.spec != current.spec { next.metadata.generation = (current.metadata.generation ?? 1) + 1 }
            return next
        }
        next.metadata.annotations = stamped(next.metadata.annotations, caller)
        return try await store.updateCluster(next)
    }

    private func stamped(_ annotations: [String: String]?, _ caller: Caller) -> [String: String] {
        var annotations = annotations ?? [:]
        annotations[Cluster.requestIDAnnotation] = caller.requestID
        return annotations
    }

    /// Server-set fields in a create body are ignored, as Kubernetes does; status is the controller's.
    private static func clearedForCreate(_ cluster: Cluster) -> Cluster {
        var cluster = cluster
        let meta = cluster.metadata
        cluster.metadata = ObjectMeta(name: meta.name, namespace: meta.namespace, labels: meta.labels)
        cluster.metadata.annotations = meta.annotations
        cluster.status = nil
        return cluster
    }

    private static func requireMergePatch(_ contentType: String?) throws(APIError) {
        let type = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "application/merge-patch+json" else {
            throw APIError(.unsupportedMediaType, "PATCH needs Content-Type application/merge-patch+json, got \(contentType ?? "none")")
        }
    }

    /// What the audit event of a write says; filled in as the write learns more.
    struct AuditNote {
        var name: String?
        var summary = ""
    }

    /// Runs a write and records its audit event, whatever the outcome. Dry runs change nothing and are not audited.
    private func audited(_ verb: String, namespace: String, name: String?, dryRun: Bool, caller: Caller,
                         _ body: (inout AuditNote) async throws -> Cluster) async throws -> Cluster {
        var note = AuditNote(name: name)
        do {
            let result = try await body(&note)
            if !dryRun {
                await audit.record(actor: caller.identity.user, verb: verb, namespace: namespace, name: note.name ?? result.metadata.name,
                                   requestID: caller.requestID, outcome: "Success", summary: note.summary, logger: caller.logger)
            }
            return result
        } catch {
            if !dryRun {
                let status = APIError.from(error).status
                let outcome = status.code == 401 || status.code == 403 ? "Denied" : "Failure"
                await audit.record(actor: caller.identity.user, verb: verb, namespace: namespace, name: note.name,
                                   requestID: caller.requestID, outcome: outcome, summary: "\(status.code) \(status.reason.rawValue): \(status.message)",
                                   logger: caller.logger)
            }
            throw error
        }
    }
}
