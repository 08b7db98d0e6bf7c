import Hummingbird
import OCPModel
import OCPStore

/// The original REST API (`/api/v1`), a thin translation onto the declarative Cluster: every write goes through
/// the same handler, admission, quota, idempotency and audit as the Kubernetes-style API. No second state machine.
struct V1Routes: Sendable {
    let clusters: ClusterHandler
    let pipeline: WritePipeline
    let usage: UsageRoutes
    let profiles: ProfileCatalog

    static let base = "/api/v1"

    func register(on router: RouterGroup<APIContext>) {
        router.post("clusters") { request, context in
            try requireKey(request)
            return try await pipeline.run(request, context, resource: "clusters", verb: "create", code: 201, authorize: { _ in }) { caller, body, note in
                let create = try decode(V1CreateClusterRequest.self, body)
                let errors = create.validate(profiles: profiles)
                guard errors.isEmpty else { throw APIError.invalid(create.name, errors) }
                note.name = create.name
                try Authorization.check(caller.identity, .write, namespace: create.team)
                return view(try await clusters.create(create.cluster(), caller: caller, dryRun: false, note: &note))
            }
        }
        router.get("clusters") { request, context in
            EnvelopeMiddleware.response(try await list(request, caller: try context.caller()), code: 200)
        }
        router.get("clusters/:id") { _, context in
            EnvelopeMiddleware.response(view(try await find(context.parameters.require("id"), caller: try context.caller())), code: 200)
        }
        router.post("clusters/:id/destroy") { request, context in
            try requireKey(request)
            let id = try context.parameters.require("id")
            return try await pipeline.run(request, context, resource: "clusters", verb: "delete", code: 202, authorize: { _ in }) { caller, _, note in
                let current = try await find(id, caller: caller)
                note.name = current.metadata.name
                try Authorization.check(caller.identity, .write, namespace: current.metadata.namespace)
                return view(try await clusters.delete(current, caller: caller, dryRun: false, note: &note))
            }
        }
        router.post("clusters/:id/scale-workers") { request, context in
            try requireKey(request)
            let id = try context.parameters.require("id")
            return try await pipeline.run(request, context, resource: "clusters", verb: "update", code: 202, authorize: { _ in }) { caller, body, note in
                let scale = try decode(V1ScaleWorkersRequest.self, body)
                let current = try await find(id, caller: caller)
                note.name = current.metadata.name
                try Authorization.check(caller.identity, .write, namespace: current.metadata.namespace)
                var desired = current
                desired.spec.workers = scale.workers
                return view(try await clusters.update(desired, current: current, caller: caller, dryRun: false, note: &note))
            }
        }
        router.get("clusters/:id/outputs") { request, context in
            let caller = try context.caller()
            let cluster = try await find(context.parameters.require("id"), caller: caller)
            let namespace = cluster.metadata.namespace ?? "default"
            let path = "\(APIServer.apiBase)/namespaces/\(namespace)/clusters/\(cluster.metadata.name)/outputs"
            let outputs = try await clusters.outputs(namespace: namespace, name: cluster.metadata.name, path: path, caller: caller)
            return EnvelopeMiddleware.response(V1Outputs(clusterId: cluster.metadata.uid ?? "", apiUrl: outputs.apiURL, consoleUrl: outputs.consoleURL,
                                                          kubeconfigDownloadUrl: outputs.kubeconfigPath, kubeadminPasswordRef: outputs.kubeadminPasswordRef),
                                               code: 200)
        }
        router.get("jobs/:id") { _, context in
            let caller = try context.caller()
            let id = try context.parameters.require("id")
            let record: OperationRecord
            do {
                record = try await clusters.store.getOperation(id: id)
            } catch StoreError.notFound {
                throw V1Refusal(code: 404, errorCode: "NOT_FOUND", message: "job \"\(id.prefix(64))\" not found")
            }
            // A job is visible to whoever may read its cluster.
            _ = try await find(record.operation.clusterUID, caller: caller, kind: "job", id: id)
            return EnvelopeMiddleware.response(V1Job(record.operation), code: 200)
        }
        router.get("reports/usage") { request, context in
            try await usage.report(request, context)
        }
    }

    /// The original API required an `Idempotency-Key` on every write.
    private func requireKey(_ request: Request) throws {
        guard let key = request.headers[IdempotencyGate.header], !key.isEmpty else {
            throw V1Refusal(code: 400, errorCode: "IDEMPOTENCY_KEY_REQUIRED", message: "the Idempotency-Key header is required on writes",
                            fields: [FieldError(reason: .required, field: "Idempotency-Key", message: "header is required")])
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
        guard let text = String(validating: body, as: UTF8.self), !body.isEmpty else {
            throw V1Refusal(code: 400, errorCode: "INVALID_ARGUMENT", message: "the request body must be one JSON object")
        }
        do {
            return try StrictYAML.decode(T.self, from: text)
        } catch {
            throw V1Refusal(code: 400, errorCode: "INVALID_ARGUMENT", message: "invalid request body: \(error)", fields: [error])
        }
    }

    /// The cluster with this uid among those the caller may read, or 404 (also when it may not: no existence leak).
    private func find(_ id: String, caller: Caller, kind: String = "cluster", id shown: String? = nil) async throws -> Cluster {
        let visible = try await clusters.store.listAllClusters(namespace: nil).filter { caller.identity.mayRead($0) }
        guard let cluster = visible.first(where: { $0.metadata.uid == id }) else {
            throw V1Refusal(code: 404, errorCode: "NOT_FOUND", message: "\(kind) \"\((shown ?? id).prefix(64))\" not found")
        }
        return cluster
    }

    private func list(_ request: Request, caller: Caller) async throws -> V1ClusterList {
        var errors: [FieldError] = []
        func number(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) -> Int {
            guard let text = request.uri.queryParameters.get(name) else { return fallback }
            guard let value = Int(text), range.contains(value) else {
                errors.append(FieldError(reason: .invalid, field: name, message: "must be an integer in \(range.lowerBound)...\(range.upperBound)"))
                return fallback
            }
            return value
        }
        let limit = number("limit", 50, 1...500)
        let offset = number("offset", 0, 0...1_000_000)
        let status = request.uri.queryParameters.get("status")
        if let status, V1ClusterStatus(rawValue: status) == nil {
            errors.append(FieldError(reason: .notSupported, field: "status",
                                     message: "must be one of \(V1ClusterStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        guard errors.isEmpty else {
            throw V1Refusal(code: 400, errorCode: "INVALID_ARGUMENT", message: "invalid query: \(ValidationFailure(errors))", fields: errors)
        }
        let filters = ["team", "platform", "profile", "owner"].compactMap { name in request.uri.queryParameters.get(name).map { (name, String($0)) } }
        let all = try await clusters.store.listAllClusters(namespace: nil).filter { caller.identity.mayRead($0) }.map(view).filter { cluster in
            (status == nil || cluster.status.rawValue == status) && filters.allSatisfy { name, value in
                switch name {
                case "team": cluster.team == value
                case "platform": cluster.platform == value
                case "profile": cluster.profile == value
                default: cluster.owner == value
                }
            }
        }.sorted { ($0.createdAt?.secondsSinceEpoch ?? 0, $0.id) < ($1.createdAt?.secondsSinceEpoch ?? 0, $1.id) }
        return V1ClusterList(clusters: Array(all.dropFirst(offset).prefix(limit)), total: all.count, limit: limit, offset: offset)
    }

    private func view(_ cluster: Cluster) -> V1Cluster {
        V1Cluster(cluster, platform: profiles[cluster.spec.profile]?.platform.rawValue ?? "")
    }
}

/// `GET /api/v1/clusters/{id}/outputs`, in the original's words.
struct V1Outputs: Codable, Sendable {
    var clusterId: String
    var apiUrl: String?
    var consoleUrl: String?
    var kubeconfigDownloadUrl: String?
    var kubeadminPasswordRef: String?
}

extension Identity {
    /// Whether this caller may read `cluster`.
    func mayRead(_ cluster: Cluster) -> Bool {
        Authorization.readsEverything(self) || mayUse(namespace: cluster.metadata.namespace ?? "")
    }
}
