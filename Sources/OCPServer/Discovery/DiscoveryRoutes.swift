import Foundation
import Hummingbird
import OCPModel

/// `/api`, `/apis`, `/apis/ocpctl.io` and `/apis/ocpctl.io/v1alpha1`, in the plain and the aggregated form, for
/// authenticated callers as in Kubernetes. The documents never change while the process runs, so they are encoded once.
struct DiscoveryRoutes: Sendable {
    static let aggregatedVersions = ["v2", "v2beta1"]

    private let apiVersions = Self.encode(APIVersionsDocument())
    private let groupList = Self.encode(APIGroupListDocument.served)
    private let group = Self.encode(APIGroupDocument.served)
    private let resourceList = Self.encode(APIResourceListDocument.served)
    private let aggregated = Dictionary(uniqueKeysWithValues: Self.aggregatedVersions.map {
        ($0, (apis: Self.encode(APIGroupDiscoveryListDocument.served(apiVersion: "apidiscovery.k8s.io/\($0)")),
              api: Self.encode(APIGroupDiscoveryListDocument.legacy(apiVersion: "apidiscovery.k8s.io/\($0)"))))
    })

    func register(on router: RouterGroup<APIContext>) {
        router.get("/api") { request, _ in try answer(request, plain: apiVersions, aggregated: \.api) }
        router.get("/apis") { request, _ in try answer(request, plain: groupList, aggregated: \.apis) }
        router.get("/apis/\(ServedResources.group)") { _, _ in EnvelopeMiddleware.bytes(group, code: 200) }
        router.get(RouterPath(APIServer.apiBase)) { _, _ in EnvelopeMiddleware.bytes(resourceList, code: 200) }
    }

    /// The aggregated document when the client asks for it, else the plain one; 406 when it accepts neither.
    private func answer(_ request: Request, plain: [UInt8],
                        aggregated path: KeyPath<(apis: [UInt8], api: [UInt8]), [UInt8]>) throws -> Response {
        let accept = AcceptHeader(request.headers[.accept])
        if let version = accept.version(of: "APIGroupDiscoveryList", group: "apidiscovery.k8s.io", versions: Self.aggregatedVersions),
           let documents = aggregated[version] {
            return EnvelopeMiddleware.bytes(documents[keyPath: path], code: 200,
                                            contentType: "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList")
        }
        guard accept.acceptsPlainJSON else {
            throw APIError(.notAcceptable, "only application/json is served here, plain or as APIGroupDiscoveryList (apidiscovery.k8s.io v2, v2beta1)")
        }
        return EnvelopeMiddleware.bytes(plain, code: 200)
    }

    static func encode(_ value: some Encodable) -> [UInt8] {
        Array((try? ResourceEncoding.jsonData(value)) ?? Data("{}".utf8))
    }
}
