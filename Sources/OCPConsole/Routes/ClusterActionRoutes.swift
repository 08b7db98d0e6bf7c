import HTTPTypes
import Foundation
import Hummingbird
import OCPModel

/// A cluster's actions, each a form with its CSRF token, each sent to the API as the user's own patch or delete:
/// scale workers, change the TTL, hibernate or resume, delete behind a typed confirmation; the kubeconfig download
/// and the admins' password reveal, which the API audits.
struct ClusterActionRoutes<Context: RequestContext>: Sendable {
    let console: Console<Context>

    func register(on ui: RouterGroup<Context>) {
        action(ui, "scale") { form in
            guard let text = form["workers"], let workers = Int(text) else {
                return .refuse(field: "spec.workers", "workers must be a whole number")
            }
            return .patch(["workers": .number(workers)], done: "scaled")
        }
        action(ui, "extend") { form in
            guard let ttl = form["ttl"] else { return .refuse(field: "spec.ttl", "enter a TTL such as 48h") }
            return .patch(["ttl": .string(ttl)], done: "extended")
        }
        action(ui, "power") { form in
            switch form["state"] {
            case "Hibernating": .patch(["powerState": .string("Hibernating")], done: "hibernated")
            case "Running": .patch(["powerState": .string("Running")], done: "resumed")
            default: .refuse(field: "spec.powerState", "the power state must be Running or Hibernating")
            }
        }
        ui.get("clusters/:namespace/:name/delete") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let (namespace, name) = try ClusterPath.parse(context)
                _ = try await console.api.get(Cluster.self, ClusterPath.api(namespace, name), token: session.token, context: context)
                return console.page("Delete \(name)", session, "confirm", Confirm(namespace: namespace, name: name, csrf: session.csrf, mismatch: false),
                                    section: .init(clusters: true))
            }
        }
        ui.post("clusters/:namespace/:name/delete") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let (namespace, name) = try ClusterPath.parse(context)
                let form = try await console.form(request, session)
                guard form["confirm"] == name else {
                    return console.page("Delete \(name)", session, "confirm", Confirm(namespace: namespace, name: name, csrf: session.csrf, mismatch: true),
                                        section: .init(clusters: true), status: .unprocessableContent)
                }
                let reply = try await console.api.call(.delete, ClusterPath.api(namespace, name), token: session.token, context: context)
                guard reply.ok else { throw ConsoleFailure.api(reply.status) }
                return HTMLResponse.redirect("/ui/clusters/\(namespace)/\(name)")
            }
        }
        ui.get("clusters/:namespace/:name/kubeconfig") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let (namespace, name) = try ClusterPath.parse(context)
                let reply = try await console.api.call(.get, ClusterPath.api(namespace, name) + "/outputs/kubeconfig", token: session.token,
                                                       accept: "*/*", context: context)
                guard reply.ok else { throw ConsoleFailure.api(reply.status) }
                return HTMLResponse.download(reply.body, contentType: "application/yaml", filename: "\(name).kubeconfig")
            }
        }
        ui.post("clusters/:namespace/:name/password") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let (namespace, name) = try ClusterPath.parse(context)
                _ = try await console.form(request, session)
                let reply = try await console.api.call(.get, ClusterPath.api(namespace, name) + "/outputs/kubeadmin-password", token: session.token,
                                                       accept: "*/*", context: context)
                guard reply.ok else { throw ConsoleFailure.api(reply.status) }
                let message = Message(heading: "kubeadmin password of \(name)", text: "Shown once; this reveal is in the audit trail.",
                                      secret: reply.text, back: "/ui/clusters/\(namespace)/\(name)")
                return console.page("Password", session, "message", message, section: .init(clusters: true))
            }
        }
    }

    struct Confirm {
        var namespace: String
        var name: String
        var csrf: String
        var mismatch: Bool
    }

    /// What an action form asks of the API.
    enum Outcome {
        case patch([String: JSONValue], done: String)
        case refuse(field: String, String)
    }

    enum JSONValue: Encodable {
        case string(String)
        case number(Int)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .string(value): try container.encode(value)
            case let .number(value): try container.encode(value)
            }
        }
    }

    /// A form that becomes a merge patch of the spec; a refusal, the console's or the API's, shows on the cluster page.
    private func action(_ ui: RouterGroup<Context>, _ verb: String, _ outcome: @escaping @Sendable (FormBody) -> Outcome) {
        ui.post("clusters/:namespace/:name/\(verb)") { request, context in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                let (namespace, name) = try ClusterPath.parse(context)
                let form = try await console.form(request, session)
                switch outcome(form) {
                case let .refuse(field, message):
                    let status = StatusDocument(code: 422, reason: .invalid, message: message,
                                                details: .init(causes: [.init(reason: "FieldValueInvalid", message: message, field: field)]))
                    return try await console.clusterPage(namespace, name, session, context, error: status, status: .unprocessableContent)
                case let .patch(spec, done):
                    let body = try JSONEncoder().encode(["spec": spec])
                    let reply = try await console.api.call(.patch, ClusterPath.api(namespace, name), token: session.token, body: Array(body),
                                                           contentType: "application/merge-patch+json", context: context)
                    guard reply.ok else {
                        if reply.code == 401 || reply.code == 404 { throw ConsoleFailure.api(reply.status) }
                        return try await console.clusterPage(namespace, name, session, context, error: reply.status,
                                                             status: HTTPResponse.Status(code: reply.code))
                    }
                    return HTMLResponse.redirect("/ui/clusters/\(namespace)/\(name)?done=\(done)")
                }
            }
        }
    }
}
