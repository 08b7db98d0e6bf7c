import Hummingbird
import OCPModel

/// Answers a GET as a Table when the client asks for one (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`,
/// as kubectl does), and as the plain object or list otherwise.
enum TableNegotiation {
    static let versions = ["v1", "v1beta1"]

    static func response(_ request: Request, _ value: any Encodable & Sendable, now: Timestamp) throws -> Response {
        let accept = AcceptHeader(request.headers[.accept])
        if let version = accept.version(of: "Table", group: "meta.k8s.io", versions: versions), let convertible = value as? any TableConvertible {
            let include = try includeObject(request)
            let apiVersion = "meta.k8s.io/\(version)"
            return EnvelopeMiddleware.bytes(try convertible.table(include: include, apiVersion: apiVersion, now: now), code: 200,
                                            contentType: "application/json;as=Table;v=\(version);g=meta.k8s.io")
        }
        guard accept.acceptsPlainJSON else {
            throw APIError(.notAcceptable, "only application/json is served here, plain or as a meta.k8s.io Table (v1, v1beta1)")
        }
        return EnvelopeMiddleware.response(value, code: 200)
    }

    /// `includeObject`: Metadata by default, as Kubernetes does.
    static func includeObject(_ request: Request) throws -> IncludeObject {
        guard let text = request.uri.queryParameters.get("includeObject"), !text.isEmpty else { return .metadata }
        guard let include = IncludeObject(rawValue: text) else {
            throw APIError(.badRequest, "includeObject must be None, Metadata or Object, got \"\(text)\"")
        }
        return include
    }
}
