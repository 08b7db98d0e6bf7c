import Hummingbird

/// `/openapi/v2` (JSON, or protobuf for clients that ask for it) and `/openapi/v3` (index and group version,
/// JSON), for authenticated callers. A client accepting neither gets 406 Not Acceptable.
struct OpenAPIRoutes: Sendable {
    let documents: OpenAPIDocuments

    func register(on router: RouterGroup<APIContext>) {
        router.get("/openapi/v2") { request, _ in
            let accept = AcceptHeader(request.headers[.accept])
            if !accept.acceptsPlainJSON, accept.ranges.contains(where: { $0.type == OpenAPIv2Protobuf.mediaType }) {
                return EnvelopeMiddleware.bytes(documents.v2Protobuf, code: 200, contentType: OpenAPIv2Protobuf.contentType)
            }
            return try answer(request, documents.v2)
        }
        router.get("/openapi/v3") { request, _ in try answer(request, documents.v3Index) }
        router.get("/openapi/v3/\(String(APIServer.apiBase.dropFirst()))") { request, _ in try answer(request, documents.v3) }
    }

    private func answer(_ request: Request, _ body: [UInt8]) throws -> Response {
        guard AcceptHeader(request.headers[.accept]).acceptsPlainJSON else {
            throw APIError(.notAcceptable, "the OpenAPI documents are served as application/json (and v2 also as \(OpenAPIv2Protobuf.mediaType))")
        }
        return EnvelopeMiddleware.bytes(body, code: 200)
    }
}
