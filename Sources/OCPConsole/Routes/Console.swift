public import Hummingbird
public import OCPModel

/// The web console under `/ui`: server-rendered pages over the API. It keeps sessions and CSRF tokens; everything
/// else (who may see or change what, admission, quotas, audit) is the API's, called in process as the user.
public struct Console<Context: RequestContext>: Sendable {
    let api: ConsoleAPI<Context>
    let sessions: SessionStore
    let templates: Templates
    /// Marks cookies `Secure`: true when the server speaks TLS.
    let secureCookies: Bool
    let now: @Sendable () -> Timestamp

    static var sessionCookie: String { "ocpctl_session" }
    static var signInCookie: String { "ocpctl_signin" }

    /// Creates the console; `secureCookies` when served over HTTPS.
    public init(api: ConsoleAPI<Context>, secureCookies: Bool, now: @escaping @Sendable () -> Timestamp) throws {
        self.api = api
        self.sessions = SessionStore(now: now)
        self.templates = try Templates()
        self.secureCookies = secureCookies
        self.now = now
    }

    /// Registers every page, form and stream under `/ui`.
    public func register(on router: Router<Context>) {
        let ui = router.group("/ui")
        router.get("/ui") { _, _ in HTMLResponse.redirect("/ui/clusters") }
        ui.get("assets/console.css") { _, _ in HTMLResponse.asset(Assets.css, contentType: "text/css; charset=utf-8") }
        ui.get("assets/console.js") { _, _ in HTMLResponse.asset(Assets.javascript, contentType: "text/javascript; charset=utf-8") }
        SignInRoutes(console: self).register(on: ui)
        InventoryRoutes(console: self).register(on: ui)
        RequestRoutes(console: self).register(on: ui)
        ClusterPageRoutes(console: self).register(on: ui)
        ClusterActionRoutes(console: self).register(on: ui)
        SyncSourceRoutes(console: self).register(on: ui)
        ReportRoutes(console: self).register(on: ui)
        AdminRoutes(console: self).register(on: ui)
    }
}
