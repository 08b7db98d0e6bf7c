import Foundation
import Hummingbird
import OCPModel

/// Admins only: profiles (read only), tokens and their role bindings (create, revoke), team quotas (set). Each change
/// is the API's token or quota write, audited there; a new token's secret is shown once and never again.
struct AdminRoutes<Context: RequestContext>: Sendable {
    let console: Console<Context>

    func register(on ui: RouterGroup<Context>) {
        ui.get("admin") { request, context in
            await console.guarded(request) {
                let session = try admin(request)
                let profiles = try await console.profiles(session, context)
                let tokens = try await console.api.get(ItemList<APIToken>.self, ConsoleAPI<Context>.base + "/tokens", token: session.token, context: context).items
                let teams = Set(tokens.flatMap { $0.spec.teams ?? [] }).sorted()
                var quotas: [(String, TeamQuota?)] = []
                for team in teams {
                    quotas.append((team, try? await console.api.get(TeamQuota.self, ConsoleAPI<Context>.base + "/namespaces/\(team)/quota",
                                                                   token: session.token, context: context)))
                }
                return console.page("Admin", session, "admin", AdminModel(profiles: profiles, tokens: tokens, quotas: quotas, csrf: session.csrf),
                                    section: .init(admin: true))
            }
        }
        ui.post("admin/tokens") { request, context in
            await console.guarded(request) {
                let session = try admin(request)
                let form = try await console.form(request, session)
                guard let user = form["user"], let role = form["role"].flatMap(Role.init(rawValue:)) else {
                    throw ConsoleFailure.badRequest("a token needs a user and a role (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                let teams = (form["teams"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                var expiry: Timestamp?
                if let text = form["expires"] {
                    guard let duration = TTLDuration(text) else { throw ConsoleFailure.badRequest("expires must be a duration such as 30d, or empty") }
                    expiry = console.now().adding(seconds: duration.seconds)
                }
                let token = APIToken(metadata: ObjectMeta(name: ""), spec: APITokenSpec(user: user, teams: teams.isEmpty ? nil : teams, role: role,
                                                                                         expirationTimestamp: expiry))
                let reply = try await console.api.call(.post, ConsoleAPI<Context>.base + "/tokens", token: session.token,
                                                       body: Array(try JSONEncoder().encode(token)), contentType: "application/json", context: context)
                let created = try reply.decode(APIToken.self)
                let message = Message(heading: "Token \(created.metadata.name) for \(user)",
                                      text: "Copy the token now: it is shown once and stored only as a hash.", secret: created.status?.token, back: "/ui/admin")
                return console.page("Token created", session, "message", message, section: .init(admin: true))
            }
        }
        ui.post("admin/tokens/:id/revoke") { request, context in
            await console.guarded(request) {
                let session = try admin(request)
                _ = try await console.form(request, session)
                guard let id = context.parameters.get("id"), NameRules.isDNS1123Label(id) else { throw ConsoleFailure.badRequest("not a token id") }
                let reply = try await console.api.call(.delete, ConsoleAPI<Context>.base + "/tokens/\(id)", token: session.token, context: context)
                guard reply.ok else { throw ConsoleFailure.api(reply.status) }
                return HTMLResponse.redirect("/ui/admin")
            }
        }
        ui.post("admin/quotas") { request, context in
            await console.guarded(request) {
                let session = try admin(request)
                let form = try await console.form(request, session)
                guard let team = form["team"], NameRules.isDNS1123Label(team) else { throw ConsoleFailure.badRequest("team must be a team name (a DNS label)") }
                func number<T: LosslessStringConvertible>(_ name: String, _ type: T.Type) throws -> T? {
                    guard let text = form[name] else { return nil }
                    guard let value = T(text) else { throw ConsoleFailure.badRequest("\(name) must be a number, or empty for no limit") }
                    return value
                }
                let limits = QuotaLimits(maxActiveClusters: try number("maxActiveClusters", Int.self), maxConcurrentCreates: try number("maxConcurrentCreates", Int.self),
                                         maxWorkerNodes: try number("maxWorkerNodes", Int.self), maxHourlyCost: try number("maxHourlyCost", Double.self))
                let reply = try await console.api.call(.put, ConsoleAPI<Context>.base + "/namespaces/\(team)/quota", token: session.token,
                                                       body: Array(try JSONEncoder().encode(TeamQuota(team: team, spec: limits))),
                                                       contentType: "application/json", context: context)
                guard reply.ok else { throw ConsoleFailure.api(reply.status) }
                return HTMLResponse.redirect("/ui/admin")
            }
        }
    }

    /// The session of an admin; anyone else is refused here, as the API would refuse them.
    private func admin(_ request: Request) throws(ConsoleFailure) -> ConsoleSession {
        let session = try console.requireSession(request)
        guard session.isAdmin else { throw .forbidden("the admin pages are for admins") }
        return session
    }
}
