/// Where one service's requests go.
public struct AWSEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// `https` or `http`.
    public let scheme: String
    /// Host, with `:port` when it is not the scheme's default.
    public let host: String
    /// A path prefix from an overridden endpoint URL, without a trailing slash; usually empty.
    public let basePath: String
    /// Whether the endpoint came from `AWS_ENDPOINT_URL*` (S3 then addresses buckets by path).
    public let isOverridden: Bool

    /// Creates an endpoint.
    public init(scheme: String, host: String, basePath: String = "", isOverridden: Bool) {
        self.scheme = scheme
        self.host = host
        self.basePath = basePath
        self.isOverridden = isOverridden
    }

    /// Parses `http://127.0.0.1:5000` or `https://host/prefix`; nil when it is not an http(s) URL with a host.
    public init?(url: String, isOverridden: Bool = true) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var host = String(rest[..<slash])
        guard !host.isEmpty, !host.contains("@") else { return nil }
        if (scheme == "http" && host.hasSuffix(":80")) || (scheme == "https" && host.hasSuffix(":443")) {
            host = String(host[..<host.lastIndex(of: ":")!])
        }
        var basePath = String(rest[slash...])
        while basePath.hasSuffix("/") { basePath.removeLast() }
        self.init(scheme: scheme, host: host.lowercased(), basePath: basePath, isOverridden: isOverridden)
    }

    /// The default public endpoint of `service` in `region`.
    public static func standard(_ service: AWSService, region: String) -> AWSEndpoint {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return AWSEndpoint(scheme: "https", host: "\(service.endpointPrefix).\(region).\(suffix)", isOverridden: false)
    }

    public var description: String { "\(scheme)://\(host)\(basePath)" }
}
