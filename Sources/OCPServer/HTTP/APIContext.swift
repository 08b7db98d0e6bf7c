import Hummingbird
import Logging
import OCPModel

/// The request context: Hummingbird's core storage, the request ID every log line, audit event and operation
/// carries, and the caller the authentication middleware admitted.
struct APIContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// From `X-Request-ID`, or generated.
    var requestID = ""
    /// Set by `AuthMiddleware` on every `/apis` route.
    var identity: Identity?
    /// The peer's IP address, for a gateway trusted by address.
    var peerAddress: String?

    init(source: Source) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies are read by the handlers with the configured limit, which answers 413 as a Status.
    var maxUploadSize: Int { .max }

    /// The authenticated caller; a route outside the authenticated group has none, which is a server bug, not a 401.
    func caller() throws(APIError) -> Caller {
        guard let identity else { throw APIError(.internalError, "the route is not behind authentication") }
        return Caller(identity: identity, requestID: requestID, logger: logger)
    }
}

/// One API call's caller and tracing context.
struct Caller: Sendable {
    var identity: Identity
    var requestID: String
    var logger: Logger
}
