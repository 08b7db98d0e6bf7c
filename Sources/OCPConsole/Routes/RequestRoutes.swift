import HTTPTypes
import Foundation
import Hummingbird
import OCPModel

/// The request form: generated from the profiles, sent to the API as the user's create (or, for "show YAML", as a
/// dry run whose admitted manifest is shown), with the API's field errors shown inline.
struct RequestRoutes<Context: RequestContext>: Sendable {
    let console: Console<Context>

    static var inputNames: [String] { ["team", "name", "version", "region", "baseDomain", "ttl", "workers", "costCenter", "labels", "tags"] }

    func register(on ui: RouterGroup<Context>) {
        ui.get("request") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let profiles = try await console.profiles(session, context)
                let chosen = try choose(request.uri.queryParameters.get("profile"), profiles)
                let form = RequestForm(profiles: profiles, chosen: chosen, values: [:], session: session, error: nil, yaml: nil)
                return console.page("Request a cluster", session, "request", form, section: .init(request: true))
            }
        }
        ui.post("request") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let body = try await console.form(request, session)
                let profiles = try await console.profiles(session, context)
                let chosen = try choose(body["profile"], profiles)
                var values: [String: String] = [:]
                for name in Self.inputNames { values[name] = body[name] }
                func again(_ error: StatusDocument?, yaml: String?, status: HTTPResponse.Status) -> Response {
                    let form = RequestForm(profiles: profiles, chosen: chosen, values: values, session: session, error: error, yaml: yaml)
                    return console.page("Request a cluster", session, "request", form, section: .init(request: true), status: status)
                }
                // Choosing another profile only redraws the form for it.
                if body["intent"] == "profile" { return again(nil, yaml: nil, status: .ok) }
                var (cluster, causes) = RequestForm.manifest(values, profile: chosen.name)
                let team = values["team"] ?? ""
                if !NameRules.isDNS1123Label(team) {
                    causes.append(.init(reason: "FieldValueRequired", message: "choose a team", field: "metadata.namespace"))
                }
                guard causes.isEmpty else {
                    return again(StatusDocument(code: 422, reason: .invalid, message: "the request is not valid", details: .init(causes: causes)),
                                 yaml: nil, status: .unprocessableContent)
                }
                let dryRun = body["intent"] == "yaml"
                let path = ConsoleAPI<Context>.base + "/namespaces/\(team)/clusters" + (dryRun ? "?dryRun=All" : "")
                let reply = try await console.api.call(.post, path, token: session.token, body: Array(try JSONEncoder().encode(cluster)),
                                                       contentType: "application/json", context: context)
                guard reply.ok else {
                    if reply.code == 401 { throw ConsoleFailure.api(reply.status) }
                    return again(reply.status, yaml: nil, status: HTTPResponse.Status(code: reply.code))
                }
                let admitted = try reply.decode(Cluster.self)
                if dryRun {
                    cluster = admitted
                    cluster.status = nil
                    cluster.metadata.managedFields = nil
                    cluster.metadata.annotations = nil
                    return again(nil, yaml: try ResourceEncoding.yaml(cluster), status: .ok)
                }
                return HTMLResponse.redirect("/ui/clusters/\(team)/\(admitted.metadata.name)?done=created")
            }
        }
    }

    /// The named profile, or the first enabled one.
    private func choose(_ name: String?, _ profiles: [Profile]) throws(ConsoleFailure) -> Profile {
        let enabled = profiles.filter(\.enabled)
        if let name {
            guard let profile = enabled.first(where: { $0.name == name }) else {
                throw .badRequest("profile must be one of \(enabled.map(\.name).joined(separator: ", "))")
            }
            return profile
        }
        guard let first = enabled.first else { throw .badRequest("no profile is enabled on this server") }
        return first
    }
}

extension Console {
    /// Every profile, sorted by name.
    func profiles(_ session: ConsoleSession, _ context: Context) async throws -> [Profile] {
        try await api.get(ItemList<Profile>.self, ConsoleAPI<Context>.base + "/profiles", token: session.token, context: context).items
    }
}
