import Foundation
import OCPModel
import OCPStore

/// The Cluster kind: admission by profile and policy, the request ID stamped for the reconciler, deletion by request.
struct ClusterHandler: ResourceHandler {
    let store: any ControlPlaneStore
    let admission: Admission
    let now: @Sendable () -> Timestamp
    let names = ResourceNames(kind: Cluster.kind, namespaced: true)

    func decode(_ body: [UInt8]) throws(APIError) -> Cluster {
        try admission.decode(body)
    }

    func get(namespace: String?, name: String) async throws -> Cluster {
        try await store.getCluster(ClusterKey(namespace: namespace ?? "default", name: name))
    }

    /// One page; a requester listing every namespace sees its teams' clusters only.
    func list(namespace: String?, parameters: ListParameters, caller: Caller) async throws -> any Encodable & Sendable {
        var query = ClusterListQuery(namespace: namespace, continueToken: parameters.continueToken)
        if let selector = parameters.labelSelector, !selector.isEmpty {
            do {
                query.selector = try LabelSelector(parsing: selector)
            } catch {
                throw APIError(.badRequest, "unable to parse labelSelector \"\(selector)\": \(error)")
            }
        }
        if let limit = parameters.limit {
            guard let value = Int(limit), value >= 0 else { throw APIError(.badRequest, "limit must be a non-negative integer, got \"\(limit)\"") }
            query.limit = value == 0 ? nil : value
        }
        let fields = try parameters.fieldSelector.map { selector throws(APIError) in try FieldSelector(parsing: selector) }
        let page = try await store.listClusters(query)
        try ListConsistency.check(parameters, revision: page.revision)
        var items = page.items
        if namespace == nil && !Authorization.readsEverything(caller.identity) {
            items = items.filter { caller.identity.mayUse(namespace: $0.metadata.namespace ?? "") }
        }
        if let fields { items = items.filter { fields.matches($0.metadata) } }
        return ClusterListDocument(items: items, resourceVersion: String(page.revision), continue: page.continueToken)
    }

    func create(_ cluster: Cluster, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> Cluster {
        var cluster = try admission.admit(cluster, requester: caller.identity.user, previous: nil)
        cluster.metadata.annotations = stamped(cluster.metadata.annotations, caller)
        note.summary = ChangeSummary.describe(created: cluster)
        if dryRun {
            let key = ClusterKey(namespace: cluster.metadata.namespace ?? "default", name: cluster.metadata.name)
            if (try? await store.getCluster(key)) != nil {
                throw StoreError.alreadyExists(kind: Cluster.kind, name: cluster.metadata.name, key: .namespacedName)
            }
            try await store.checkQuota(cluster, replacing: nil, profiles: admission.profiles)
            cluster.metadata.generation = 1
            cluster.metadata.creationTimestamp = now()
            return cluster
        }
        return try await store.createCluster(cluster, now: now(), withinQuotaOf: admission.profiles)
    }

    /// Replaces labels, annotations and spec; a write that changes nothing stores nothing, like Kubernetes, so
    /// resourceVersion stays and `apply` can say "unchanged".
    func update(_ desired: Cluster, current: Cluster, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> Cluster {
        let admitted = try admission.admit(desired, requester: caller.identity.user, previous: current)
        var next = current
        next.spec = admitted.spec
        next.metadata.labels = admitted.metadata.labels
        var annotations = admitted.metadata.annotations ?? [:]
        annotations[Cluster.requestIDAnnotation] = current.metadata.annotations?[Cluster.requestIDAnnotation]
        next.metadata.annotations = annotations.isEmpty ? nil : annotations
        next.metadata.managedFields = desired.metadata.managedFields
        note.summary = ChangeSummary.describe(old: current, new: next)
        if next == current || dryRun {
            if next != current, next.spec != current.spec { next.metadata.generation = (current.metadata.generation ?? 1) + 1 }
            return next
        }
        next.metadata.annotations = stamped(next.metadata.annotations, caller)
        if next.spec != current.spec { try await store.checkQuota(next, replacing: current, profiles: admission.profiles) }
        return try await store.updateCluster(next)
    }

    /// Sets `deletionTimestamp` and returns the object; the reconciler destroys and then removes it.
    func delete(_ current: Cluster, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> Cluster {
        var current = current
        note.summary = current.metadata.deletionTimestamp == nil ? "deletion requested" : "deletion already requested"
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
        let key = ClusterKey(namespace: current.metadata.namespace ?? "default", name: current.metadata.name)
        if let deleting = try await store.deleteCluster(key, resourceVersion: current.metadata.resourceVersion, now: now()) { return deleting }
        current.metadata.deletionTimestamp = now()
        return current
    }

    /// PUT `/status`: controller and admins only; never bumps generation.
    func replaceStatus(namespace: String, name: String, body: [UInt8], caller: Caller, note: inout AuditNote) async throws -> Cluster {
        try Authorization.check(caller.identity, .writeStatus, namespace: namespace)
        var desired = try admission.decode(body)
        try admission.place(&desired, namespace: namespace, name: name)
        guard let status = desired.status else {
            throw APIError.invalid(name, [FieldError(reason: .required, field: "status", message: "a status update needs a status")])
        }
        note.summary = "status.phase=\(status.phase?.rawValue ?? "(none)")"
        return try await store.updateClusterStatus(ClusterKey(namespace: namespace, name: name), status: status,
                                                   resourceVersion: desired.metadata.resourceVersion, fence: nil)
    }

    func operations(namespace: String, name: String, caller: Caller) async throws -> [OperationDocument] {
        try Authorization.check(caller.identity, .read, namespace: namespace)
        let cluster = try await get(namespace: namespace, name: name)
        guard let uid = cluster.metadata.uid else { return [] }
        return try await store.listOperations(clusterUID: uid).map {
            OperationDocument(operation: $0.operation, requestID: $0.requestID, log: $0.log)
        }
    }

    /// The audit events about one cluster, for whoever may read it (like `kubectl describe` shows events).
    func events(namespace: String, name: String, limit: Int?, caller: Caller) async throws -> [AuditEvent] {
        try Authorization.check(caller.identity, .read, namespace: namespace)
        var query = AuditQuery(namespace: namespace, name: name)
        query.resource = names.plural
        return try await store.listAuditEvents(query).suffix(limit ?? .max)
    }

    /// The outputs of an installed cluster, for whoever may read it; 404 until the install has finished.
    func outputs(namespace: String, name: String, path: String, caller: Caller) async throws -> ClusterOutputsDocument {
        try Authorization.check(caller.identity, .read, namespace: namespace)
        let cluster = try await get(namespace: namespace, name: name)
        guard let uid = cluster.metadata.uid, let outputs = try await store.getClusterOutputs(clusterUID: uid) else {
            throw APIError(.notFound, "cluster \"\(name)\" has no outputs yet: they appear once its install has finished", name: name)
        }
        return ClusterOutputsDocument(namespace: namespace, name: name, apiURL: outputs.apiURL, consoleURL: outputs.consoleURL,
                                      kubeconfigRef: outputs.kubeconfigRef, kubeconfigPath: outputs.kubeconfigRef.map { _ in path + "/kubeconfig" },
                                      kubeadminPasswordRef: outputs.kubeadminPasswordRef,
                                      kubeadminPasswordPath: outputs.kubeadminPasswordRef.map { _ in path + "/kubeadmin-password" },
                                      updatedAt: outputs.updatedAt)
    }

    private func stamped(_ annotations: [String: String]?, _ caller: Caller) -> [String: String] {
        var annotations = annotations ?? [:]
        annotations[Cluster.requestIDAnnotation] = caller.requestID
        return annotations
    }
}
