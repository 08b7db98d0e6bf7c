public import AsyncHTTPClient
public import Foundation
public import OCPModel
public import NIOCore
import NIOHTTP1

/// A typed client for the ocpctl API, used by the CLI and the tests.
public struct OCPClient: Sendable {
    public let server: String
    let token: String?
    let http: HTTPClient
    /// Per request, connect and response together.
    public var timeout: TimeAmount = .seconds(60)

    /// Creates a client for `server` (e.g. `http://127.0.0.1:8080`) with an optional bearer token.
    public init(server: String, token: String?, http: HTTPClient = .shared) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.token = token
        self.http = http
    }

    /// Creates a client that trusts `certificateAuthorityPEM` (instead of the system's roots) for an `https` server,
    /// or skips verification altogether when `insecureSkipTLSVerify` is set, as kubectl's flag does.
    public init(server: String, token: String?, certificateAuthorityPEM: String?, insecureSkipTLSVerify: Bool = false) throws {
        self.init(server: server, token: token,
                  http: try TrustedHTTPClients.client(certificateAuthorityPEM: certificateAuthorityPEM, insecureSkipTLSVerify: insecureSkipTLSVerify))
    }

    static let base = "/apis/ocpctl.io/v1alpha1"

    // MARK: Clusters

    /// One cluster.
    public func getCluster(namespace: String, name: String) async throws -> Cluster {
        try await call("GET", Self.clusterPath(namespace, name))
    }

    /// One page of clusters in a namespace, or in all when `namespace` is nil.
    public func listClusters(namespace: String?, labelSelector: String? = nil, limit: Int? = nil,
                             continueToken: String? = nil) async throws -> ClusterListDocument {
        var query: [(String, String)] = []
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        if let limit { query.append(("limit", String(limit))) }
        if let continueToken { query.append(("continue", continueToken)) }
        let path = namespace.map { "\(Self.base)/namespaces/\(Self.escape($0))/clusters" } ?? "\(Self.base)/clusters"
        return try await call("GET", path + Self.queryString(query))
    }

    /// Every page of a list, followed to the end.
    public func listAllClusters(namespace: String?, labelSelector: String? = nil) async throws -> [Cluster] {
        var items: [Cluster] = []
        var token: String?
        repeat {
            let page = try await listClusters(namespace: namespace, labelSelector: labelSelector, limit: 500, continueToken: token)
            items += page.items
            token = page.metadata.continue
        } while token != nil
        return items
    }

    /// POST: creates the cluster (or, with `dryRun`, shows what would be stored).
    public func createCluster(_ cluster: Cluster, dryRun: Bool = false, idempotencyKey: String? = nil) async throws -> Cluster {
        let namespace = cluster.metadata.namespace ?? "default"
        return try await call("POST", "\(Self.base)/namespaces/\(Self.escape(namespace))/clusters" + Self.dryRunQuery(dryRun),
                              body: ResourceEncoding.jsonData(cluster), idempotencyKey: idempotencyKey)
    }

    /// PUT: replaces labels, annotations and spec; a set `metadata.resourceVersion` is a precondition.
    public func replaceCluster(_ cluster: Cluster, dryRun: Bool = false, idempotencyKey: String? = nil) async throws -> Cluster {
        try await call("PUT", Self.clusterPath(cluster.metadata.namespace ?? "default", cluster.metadata.name) + Self.dryRunQuery(dryRun),
                       body: ResourceEncoding.jsonData(cluster), idempotencyKey: idempotencyKey)
    }

    /// PATCH with a JSON merge patch (RFC 7386).
    public func patchCluster(namespace: String, name: String, mergePatch: Data, dryRun: Bool = false) async throws -> Cluster {
        try await call("PATCH", Self.clusterPath(namespace, name) + Self.dryRunQuery(dryRun), body: mergePatch,
                       contentType: "application/merge-patch+json")
    }

    /// DELETE: returns the object with its deletionTimestamp.
    public func deleteCluster(namespace: String, name: String) async throws -> Cluster {
        try await call("DELETE", Self.clusterPath(namespace, name))
    }

    /// A cluster's operations with their logs, oldest first.
    public func operations(namespace: String, name: String) async throws -> [OperationDocument] {
        let list: ItemList<OperationDocument> = try await call("GET", Self.clusterPath(namespace, name) + "/operations")
        return list.items
    }

    /// The audit events about one cluster, oldest first.
    public func events(namespace: String, name: String, limit: Int? = nil) async throws -> [AuditEvent] {
        let query = limit.map { [("limit", String($0))] } ?? []
        let list: ItemList<AuditEvent> = try await call("GET", Self.clusterPath(namespace, name) + "/events" + Self.queryString(query))
        return list.items
    }

    // MARK: Other resources

    /// Every profile, sorted by name.
    public func profiles() async throws -> [Profile] {
        let list: ItemList<Profile> = try await call("GET", "\(Self.base)/profiles")
        return list.items
    }

    /// The audit trail (admins and auditors).
    public func auditEvents(requestID: String? = nil, limit: Int? = nil) async throws -> [AuditEvent] {
        var query: [(String, String)] = []
        if let requestID { query.append(("requestID", requestID)) }
        if let limit { query.append(("limit", String(limit))) }
        let list: ItemList<AuditEvent> = try await call("GET", "\(Self.base)/auditevents" + Self.queryString(query))
        return list.items
    }

    /// What `/version` reports.
    public func version() async throws -> VersionDocument {
        try await call("GET", "/version")
    }

    // MARK: Transport

    /// Sends a request as given and returns the answer whatever its code: for tests and tools.
    public func send(_ method: String, _ path: String, body: Data? = nil, headers: [(String, String)] = [],
                     authenticated: Bool = true) async throws -> RawResponse {
        var request = HTTPClientRequest(url: server + path)
        request.method = HTTPMethod(rawValue: method)
        if authenticated, let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
                request.headers.add(name: "Content-Type", value: "application/json")
            }
        }
        do {
            let response = try await http.execute(request, timeout: timeout)
            let bytes = try await response.body.collect(upTo: 64 << 20)
            return RawResponse(code: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                               body: Array(bytes.readableBytesView))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ClientError.transport(server: server, message: "\(error)")
        }
    }

    func call<T: Decodable>(_ method: String, _ path: String, body: Data? = nil, contentType: String? = nil,
                                    idempotencyKey: String? = nil) async throws -> T {
        var headers: [(String, String)] = []
        if let contentType { headers.append(("Content-Type", contentType)) }
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        let response = try await send(method, path, body: body, headers: headers)
        return try Self.decode(response)
    }

    /// The typed body of a success, or the Status of a failure as `ClientError.status`.
    public static func decode<T: Decodable>(_ response: RawResponse) throws -> T {
        let decoder = JSONDecoder()
        guard (200..<300).contains(response.code) else {
            if let status = try? decoder.decode(StatusDocument.self, from: Data(response.body)) { throw ClientError.status(status) }
            throw ClientError.unexpectedResponse(code: response.code, message: String(response.text.prefix(200)))
        }
        do {
            return try decoder.decode(T.self, from: Data(response.body))
        } catch {
            throw ClientError.unexpectedResponse(code: response.code, message: "cannot decode \(T.self): \(error)")
        }
    }

    static func clusterPath(_ namespace: String, _ name: String) -> String {
        "\(base)/namespaces/\(escape(namespace))/clusters/\(escape(name))"
    }

    static func dryRunQuery(_ dryRun: Bool) -> String { dryRun ? "?dryRun=All" : "" }

    static func queryString(_ items: [(String, String)]) -> String {
        items.isEmpty ? "" : "?" + items.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
