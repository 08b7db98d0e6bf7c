import HTTPTypes
import Hummingbird
import OCPModel

/// Authentication for every `/apis` route: admits the bearer token's identity into the context, or answers 401.
/// A refused attempt at a write is audited as denied, with no token in it.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let authenticator: TokenAuthenticator
    let audit: AuditRecorder
    /// Identity headers from a trusted proxy; nil ignores them.
    var gateway: GatewayAuthenticator?

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        do {
            if let gateway = try gatewayIdentity(request, context) {
                context.identity = gateway
            } else {
                context.identity = try await authenticator.authenticate(authorization: request.headers[.authorization])
            }
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

    /// The identity a trusted proxy's headers name; nil when there is no gateway, the peer is not trusted (its headers
    /// are ignored) or it names no one.
    func gatewayIdentity(_ request: Request, _ context: APIContext) throws(APIError) -> Identity? {
        guard let gateway else { return nil }
        let headers = request.headers
        guard gateway.trusts(secret: HTTPField.Name(GatewayAuthenticator.secretHeader).flatMap { headers[$0] }, peer: context.peerAddress) else {
            return nil
        }
        return try gateway.identity(email: HTTPField.Name(GatewayAuthenticator.emailHeader).flatMap { headers[$0] },
                                    groups: HTTPField.Name(GatewayAuthenticator.groupsHeader).flatMap { headers[$0] })
    }

    /// The resource a path names: the segment after the version, or after `namespaces/NS`.
    static func resource(of path: String) -> String {
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count > 3 else { return "" }
        return segments[3] == "namespaces" && segments.count > 5 ? segments[5] : segments[3]
    }
}
