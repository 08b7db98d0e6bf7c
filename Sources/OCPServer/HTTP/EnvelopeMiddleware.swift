import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import OCPModel

/// The outermost layer: request ID in and out, one JSON log line per request, HTTP metrics, and every error as a Status.
struct EnvelopeMiddleware: RouterMiddleware {
    typealias Context = APIContext
    static let requestIDHeader = HTTPField.Name("X-Request-ID")!
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        let incoming = request.headers[Self.requestIDHeader].flatMap { Self.isAcceptable($0) ? $0 : nil }
        context.requestID = incoming ?? UUID().uuidString.lowercased()
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            response = Self.response(apiError.status, code: apiError.status.code)
        }
        response.headers[Self.requestIDHeader] = context.requestID
        let route = context.endpointPath ?? "unmatched"
        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        metrics.record(method: request.method.rawValue, route: route, code: response.status.code, seconds: seconds)
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path), "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.2f", seconds * 1000)),
        ])
        return response
    }

    /// A JSON response with the given body.
    static func response(_ value: some Encodable, code: Int) -> Response {
        let data = (try? ResourceEncoding.jsonData(value)) ?? Data("{}".utf8)
        return bytes(Array(data), code: code)
    }

    static func bytes(_ body: [UInt8], code: Int, contentType: String = "application/json") -> Response {
        Response(status: HTTPResponse.Status(code: code), headers: [.contentType: contentType],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Caller-chosen IDs are echoed, so they must be short and plain: no newlines or quotes in logs.
    private static func isAcceptable(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "\"") }
    }
}
