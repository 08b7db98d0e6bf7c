import Foundation
import Hummingbird
import OCPModel

/// Answers a GET as a Table when the client asks for one (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`,
/// as kubectl does), and as the plain object or list otherwise.
enum TableNegotiation {
    static let versions = ["v1", "v1beta1"]

    static func response(_ request: Request, _ value: any Encodable & Sendable, now: Timestamp) throws -> Response {
        let (body, contentType) = try encoded(request, value, now: now)
        return EnvelopeMiddleware.bytes(body, code: 200, contentType: contentType)
    }

    /// The body and content type `response` answers with.
    static func encoded(_ request: Request, _ value: any Encodable & Sendable, now: Timestamp) throws -> (body: [UInt8], contentType: String) {
        let accept = AcceptHeader(request.headers[.accept])
        if let version = accept.version(of: "Table", group: "meta.k8s.io", versions: versions), let convertible = value as? any TableConvertible {
            let include = try includeObject(request)
            let apiVersion = "meta.k8s.io/\(version)"
            return (try convertible.table(include: include, apiVersion: apiVersion, now: now), "application/json;as=Table;v=\(version);g=meta.k8s.io")
        }
        guard accept.acceptsPlainJSON else {
            throw APIError(.notAcceptable, "only application/json is served here, plain or as a meta.k8s.io Table (v1, v1beta1)")
        }
        if let list = value as? ClusterListDocument {
            return (try list.json(TableEncoder.shared), "application/json")
        }
        return (Array((try? ResourceEncoding.jsonData(value)) ?? Data("{}".utf8)), "application/json")
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
