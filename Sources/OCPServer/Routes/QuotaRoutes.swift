import Hummingbird
import OCPModel
import OCPStore

/// A team's quota at `namespaces/{team}/quota`: its members, auditors and admins read the limits and the use; only
/// admins set or remove them, and every change (or refusal) is audited.
struct QuotaRoutes: Sendable {
    let store: any ControlPlaneStore
    let profiles: ProfileCatalog
    let audit: AuditRecorder
    let maxBodyBytes: Int
    let now: @Sendable () -> Timestamp

    func register(on router: RouterGroup<APIContext>) {
        let path = RouterPath("namespaces/:namespace/quota")
        router.get(path) { _, context in
            let caller = try context.caller()
            let team = try context.parameters.require("namespace")
            try Authorization.check(caller.identity, .read, resource: "teamquotas", namespace: team)
            guard let limits = try await store.teamQuota(team: team) else {
                throw APIError(.notFound, "teamquotas.ocpctl.io \"\(team)\" not found: team \(team) has no quota", name: team, resource: "teamquotas")
            }
            return EnvelopeMiddleware.response(try await document(team, limits), code: 200)
        }
        router.put(path) { request, context in
            try await change(request, context, verb: "update") { team in
                let body = try await request.readBody(limit: maxBodyBytes)
                let quota = try decode(body, team: team)
                try await store.putTeamQuota(team: team, limits: quota.spec, now: now())
                return (quota.spec, "limits set: \(Self.describe(quota.spec))")
            }
        }
        router.delete(path) { request, context in
            try await change(request, context, verb: "delete") { team in
                guard let limits = try await store.teamQuota(team: team) else {
                    throw APIError(.notFound, "teamquotas.ocpctl.io \"\(team)\" not found", name: team, resource: "teamquotas")
                }
                try await store.deleteTeamQuota(team: team)
                return (limits, "limits removed")
            }
        }
    }

    /// An admin's change, audited whether it succeeds or not.
    private func change(_ request: Request, _ context: APIContext, verb: String,
                        _ body: (String) async throws -> (QuotaLimits, String)) async throws -> Response {
        let caller = try context.caller()
        let team = try context.parameters.require("namespace")
        func record(_ outcome: String, _ summary: String) async {
            await audit.record(actor: caller.identity.user, verb: verb, resource: "teamquotas", namespace: team, name: team,
                               requestID: caller.requestID, outcome: outcome, summary: summary, logger: caller.logger)
        }
        do {
            guard caller.identity.role == .admin else {
                throw APIError(.forbidden, "user \"\(caller.identity.user)\" cannot \(verb) the quota of team \"\(team)\": admins only")
            }
            guard NameRules.isDNS1123Label(team) else {
                throw APIError(.badRequest, "namespace \"\(team.prefix(64))\" is not a valid team name")
            }
            let (limits, summary) = try await body(team)
            await record("Success", summary)
            return EnvelopeMiddleware.response(try await document(team, limits), code: 200)
        } catch {
            let status = APIError.from(error).status
            await record(status.code == 403 ? "Denied" : "Failure", "\(status.code) \(status.reason.rawValue): \(status.message)")
            throw error
        }
    }

    private func decode(_ body: [UInt8], team: String) throws -> TeamQuota {
        guard let text = String(validating: body, as: UTF8.self), !body.isEmpty else {
            throw APIError(.badRequest, "the request body must be one TeamQuota document")
        }
        let quota: TeamQuota
        do {
            quota = try StrictYAML.decode(TeamQuota.self, from: text)
        } catch {
            if error.reason == .syntax { throw APIError(.badRequest, "the request body is not valid YAML or JSON: \(error.message)") }
            throw APIError.invalid(kind: TeamQuota.kind, team, [error])
        }
        var errors = quota.spec.validate()
        if quota.apiVersion != Cluster.apiVersion {
            errors.append(FieldError(reason: .notSupported, field: "apiVersion", message: "must be \"\(Cluster.apiVersion)\""))
        }
        if quota.kind != TeamQuota.kind { errors.append(FieldError(reason: .notSupported, field: "kind", message: "must be \"\(TeamQuota.kind)\"")) }
        if quota.metadata.name != team || (quota.metadata.namespace ?? team) != team {
            errors.append(FieldError(reason: .invalid, field: "metadata.name", message: "must be the team in the path, \"\(team)\""))
        }
        guard errors.isEmpty else { throw APIError.invalid(kind: TeamQuota.kind, team, errors) }
        return quota
    }

    /// The limits with the team's use now.
    private func document(_ team: String, _ limits: QuotaLimits) async throws -> TeamQuota {
        let clusters = try await store.listAllClusters(namespace: team)
        return TeamQuota(team: team, spec: limits, used: QuotaAdmission.usage(of: clusters, profiles: profiles))
    }

    static func describe(_ limits: QuotaLimits) -> String {
        var parts: [String] = []
        if let value = limits.maxActiveClusters { parts.append("maxActiveClusters=\(value)") }
        if let value = limits.maxConcurrentCreates { parts.append("maxConcurrentCreates=\(value)") }
        if let value = limits.maxWorkerNodes { parts.append("maxWorkerNodes=\(value)") }
        if let value = limits.maxHourlyCost { parts.append("maxHourlyCost=\(value)") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
