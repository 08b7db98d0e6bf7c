public import Foundation

/// One query parameter, unencoded.
public struct AWSQueryItem: Sendable, Equatable {
    /// The parameter's name.
    public var name: String
    /// The parameter's value; empty for a bare key.
    public var value: String

    /// Creates a query parameter.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An HTTP request to an AWS endpoint, before or after signing; its description shows no credentials and no body.
public struct AWSRequest: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The HTTP method, e.g. `GET`.
    public var method: String
    /// `https` or `http`.
    public var scheme: String
    /// The host, with `:port` when the port is not the scheme's default.
    public var host: String
    /// The path as sent on the wire: already percent-encoded, starting with `/`.
    public var path: String
    /// The query parameters, unencoded; the signer and the URL encode them the same way.
    public var query: [AWSQueryItem]
    /// The header fields; the signer adds `host`, `x-amz-date` and `authorization`.
    public var headers: AWSHeaders
    /// The payload.
    public var body: Data

    /// Creates a request.
    public init(method: String, scheme: String = "https", host: String, path: String = "/", query: [AWSQueryItem] = [],
                headers: AWSHeaders = AWSHeaders(), body: Data = Data()) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.path = path.isEmpty ? "/" : path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The query string as sent, encoded like the canonical query (without the leading `?`).
    public var encodedQuery: String {
        query.map { "\(AWSURIEncoding.encode($0.name))=\(AWSURIEncoding.encode($0.value))" }.joined(separator: "&")
    }

    public var description: String {
        "\(method) \(url) headers: \(headers) body: \(body.count) bytes"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": url, "headers": headers, "bodyBytes": body.count], displayStyle: .struct)
    }

    /// The full URL as sent.
    public var url: String {
        let base = "\(scheme)://\(host)\(path)"
        return query.isEmpty ? base : "\(base)?\(encodedQuery)"
    }
}
