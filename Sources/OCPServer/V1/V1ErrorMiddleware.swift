import Hummingbird
import OCPModel

/// Answers every error under `/api/v1` in the original API's error shape, with the same HTTP code the
/// Kubernetes-style API would use.
struct V1ErrorMiddleware: RouterMiddleware {
    typealias Context = APIContext

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (code, body) = Self.render(error)
            return EnvelopeMiddleware.response(body, code: code)
        }
    }

    /// Any error as the original API's error body, with its HTTP code.
    static func render(_ error: any Error) -> (Int, V1ErrorBody) {
        if let refusal = error as? V1Refusal {
            return (refusal.code, V1ErrorBody(code: refusal.errorCode, message: refusal.message, fields: refusal.fields))
        }
        let status = APIError.from(error).status
        let fields = status.details?.causes?.map { FieldError(reason: .invalid, field: $0.field ?? "", message: $0.message) } ?? []
        return (status.code, V1ErrorBody(code: Self.code(status.code), message: status.message, fields: fields))
    }

    /// The stored body of a refused write, for idempotent replays.
    static func body(_ error: any Error) -> [UInt8] {
        (try? Array(ResourceEncoding.jsonData(render(error).1))) ?? []
    }

    /// The original's codes, by HTTP status.
    static func code(_ status: Int) -> String {
        switch status {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 409: "CONFLICT"
        case 413: "PAYLOAD_TOO_LARGE"
        case 415: "UNSUPPORTED_MEDIA_TYPE"
        case 422: "INVALID_ARGUMENT"
        default: status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION"
        }
    }
}

/// A refusal specific to the original API (e.g. a missing Idempotency-Key).
struct V1Refusal: Error, Sendable {
    var code: Int
    var errorCode: String
    var message: String
    var fields: [FieldError] = []
}
