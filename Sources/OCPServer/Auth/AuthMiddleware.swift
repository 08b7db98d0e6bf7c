import Hummingbird
import OCPModel

/// Authentication for every `/apis` route: admits the bearer token's identity into the context, or answers 401.
/// A refused attempt at a write is audited as denied, with no token in it.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let authenticator: TokenAuthenticator
    let audit: AuditRecorder

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        do {
            context.identity = try await authenticator.authenticate(authorization: request.headers[.authorization])
        } catch {
            if request.method != .get && request.method != .head {
                await audit.record(actor: "system:anonymous", verb: request.method.rawValue.lowercased(), resource: Self.resource(of: request.uri.path),
                                   namespace: context.parameters.get("namespace"), name: context.parameters.get("name"),
                                   requestID: context.requestID, outcome: "Denied",
                                   summary: "401 Unauthorized: \(APIError.from(error).status.message)", logger: context.logger)
            }
            throw error
        }
        return try await next(request, context)
    }

    /// The resource a path names: the segment after the version, or after `namespaces/NS`.
    static func resource(of path: String) -> String {
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count > 3 else { return "" }
        return segments[3] == "namespaces" && segments.count > 5 ? segments[5] : segments[3]
    }
}
