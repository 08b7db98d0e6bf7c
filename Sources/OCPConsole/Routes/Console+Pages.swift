import HTTPTypes
import Hummingbird
import OCPModel

/// Why a console request ends early, and how the browser is told.
enum ConsoleFailure: Error {
    /// No session, or the API no longer takes its token: to the sign-in page.
    case signIn
    /// A form without its CSRF token, or an action the user may not take.
    case forbidden(String)
    /// A query parameter or form field the console itself refuses.
    case badRequest(String)
    /// The API's refusal, shown as it said it.
    case api(StatusDocument)
}

/// The page layout's values.
struct Layout {
    var title: String
    var signedIn: Bool
    var user: String
    var role: String
    var teams: String
    var isAdmin: Bool
    var csrf: String
    /// The page's HTML, from these templates.
    var body: String
    /// Which navigation entry is the current page.
    var section: Section

    struct Section {
        var clusters = false, request = false, sync = false, reports = false, admin = false
    }
}

extension Console {
    /// The session the request's cookie names, if any.
    func session(_ request: Request) -> ConsoleSession? {
        sessions.session(cookie: request.cookies[Self.sessionCookie]?.value)
    }

    /// The session, or a trip to the sign-in page.
    func requireSession(_ request: Request) throws(ConsoleFailure) -> ConsoleSession {
        guard let session = session(request) else { throw .signIn }
        return session
    }

    /// Reads a posted form and checks its CSRF token against the session's: a form without it is refused.
    func form(_ request: Request, _ session: ConsoleSession) async throws -> FormBody {
        let form = try await readForm(request)
        guard let token = form["_csrf"], Secrets.equal(token, session.csrf) else {
            throw ConsoleFailure.forbidden("the form was posted without its CSRF token: reload the page and try again")
        }
        return form
    }

    /// Reads a posted form, at most `FormBody.maxBytes`.
    func readForm(_ request: Request) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: FormBody.maxBytes)
        return FormBody(Array(buffer.readableBytesView))
    }

    /// A page in the layout.
    func page(_ title: String, _ session: ConsoleSession?, _ template: String, _ model: Any, section: Layout.Section = .init(),
              status: HTTPResponse.Status = .ok) -> Response {
        let layout = Layout(title: title, signedIn: session != nil, user: session?.user ?? "", role: session?.role.rawValue ?? "",
                            teams: session?.teams.joined(separator: ", ") ?? "", isAdmin: session?.isAdmin ?? false,
                            csrf: session?.csrf ?? "", body: templates.render(model, template), section: section)
        return HTMLResponse.page(templates.render(layout, "layout"), status: status)
    }

    /// Runs a page's work, turning every failure into a page: sign-in, 403, 400, or the API's Status.
    func guarded(_ request: Request, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch let failure as ConsoleFailure {
            return failed(request, failure)
        } catch let status as StatusDocument {
            return failed(request, .api(status))
        } catch {
            return failed(request, .api(StatusDocument(code: 500, reason: .internalError, message: "the console could not answer")))
        }
    }

    private func failed(_ request: Request, _ failure: ConsoleFailure) -> Response {
        let session = session(request)
        switch failure {
        case .signIn:
            return HTMLResponse.redirect("/ui/signin")
        case let .forbidden(message):
            return page("Forbidden", session, "message", Message(heading: "Forbidden", text: message), status: .forbidden)
        case let .badRequest(message):
            return page("Bad request", session, "message", Message(heading: "Bad request", text: message), status: .badRequest)
        case let .api(status):
            if status.code == 401 {
                sessions.end(cookie: request.cookies[Self.sessionCookie]?.value)
                return HTMLResponse.redirect("/ui/signin")
            }
            let heading = "\(status.code) \(status.reason.rawValue)"
            var message = Message(heading: heading, text: status.message)
            message.causes = Message.causes(status)
            return page(heading, session, "message", message, status: HTTPResponse.Status(code: status.code))
        }
    }
}

/// A page that only says something: an error, or a secret shown once.
struct Message {
    var heading: String
    var text: String
    var causes: [Cause] = [] {
        didSet { hasCauses = !causes.isEmpty }
    }
    var hasCauses = false
    var secret: String? = nil
    var back: String? = nil

    struct Cause {
        var field: String
        var message: String
    }

    static func causes(_ status: StatusDocument) -> [Cause] {
        (status.details?.causes ?? []).map { Cause(field: $0.field ?? "", message: $0.message) }
    }
}
