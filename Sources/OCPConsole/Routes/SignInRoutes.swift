import HTTPTypes
import Foundation
import Hummingbird
import OCPModel

/// Sign-in with a bearer token, which becomes a server-side session behind an HttpOnly, SameSite=Strict cookie;
/// and sign-out. The sign-in form carries a CSRF token too: a random value also set as a cookie (double submit).
struct SignInRoutes<Context: RequestContext>: Sendable {
    let console: Console<Context>

    struct Model {
        var csrf: String
        var error: String?
    }

    func register(on ui: RouterGroup<Context>) {
        ui.get("signin") { _, _ in
            signInPage(error: nil, status: .ok)
        }
        ui.post("signin") { request, context in
            await console.guarded(request) {
                let form = try await console.readForm(request)
                guard let nonce = request.cookies[Console<Context>.signInCookie]?.value, let sent = form["_csrf"], Secrets.equal(nonce, sent) else {
                    throw ConsoleFailure.forbidden("the sign-in form was posted without its CSRF token: reload the page and try again")
                }
                guard let token = form["token"], token.utf8.count <= 4096 else {
                    return signInPage(error: "Enter a token.", status: .unprocessableContent)
                }
                let reply = try await console.api.call(.post, "/apis/authentication.k8s.io/v1/selfsubjectreviews", token: token,
                                                       body: Array(#"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#.utf8),
                                                       contentType: "application/json", context: context)
                guard reply.ok, let review = try? JSONDecoder().decode(Review.self, from: Data(reply.body)) else {
                    return signInPage(error: "The server did not accept this token.", status: .unauthorized)
                }
                let groups = review.status.userInfo.groups
                let role = groups.lazy.compactMap { $0.hasPrefix("ocpctl:") ? Role(rawValue: String($0.dropFirst(7))) : nil }.first ?? .requester
                let teams = groups.filter { !$0.hasPrefix("ocpctl:") && !$0.hasPrefix("system:") }
                let (_, value) = console.sessions.start(token: token, user: review.status.userInfo.username, teams: teams, role: role)
                var response = HTMLResponse.redirect("/ui/clusters")
                response.setCookie(self.cookie(Console<Context>.sessionCookie, value, maxAge: Int(console.sessions.lifetimeSeconds)))
                response.setCookie(self.cookie(Console<Context>.signInCookie, "", maxAge: 0))
                return response
            }
        }
        ui.post("signout") { request, _ in
            await console.guarded(request) {
                let session = try console.requireSession(request)
                _ = try await console.form(request, session)
                console.sessions.end(cookie: request.cookies[Console<Context>.sessionCookie]?.value)
                var response = HTMLResponse.redirect("/ui/signin")
                response.setCookie(cookie(Console<Context>.sessionCookie, "", maxAge: 0))
                return response
            }
        }
    }

    private func signInPage(error: String?, status: HTTPResponse.Status) -> Response {
        let nonce = Secrets.random()
        var response = console.page("Sign in", nil, "signin", Model(csrf: nonce, error: error), status: status)
        response.setCookie(cookie(Console<Context>.signInCookie, nonce, maxAge: 3600))
        return response
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/ui", secure: console.secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// What a SelfSubjectReview answers.
    struct Review: Decodable {
        struct Status: Decodable {
            struct UserInfo: Decodable {
                var username: String
                var groups: [String]
            }
            var userInfo: UserInfo
        }
        var status: Status
    }
}
