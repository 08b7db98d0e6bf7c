public import Foundation

/// Who a verified IAM token belongs to.
public struct IAMPrincipal: Sendable, Equatable {
    /// The ARN STS answered, e.g. `arn:aws:sts::123456789012:assumed-role/ops/alice`.
    public let arn: String
    /// The ARN mappings name: an assumed-role session's role (`arn:aws:iam::123456789012:role/ops`), else `arn`.
    public let canonicalARN: String
    /// The 12-digit account.
    public let account: String

    /// Creates a principal.
    public init(arn: String, account: String) {
        self.arn = arn
        self.canonicalARN = PrincipalARN.canonical(arn)
        self.account = account
    }
}

/// Checks an `k8s-aws-v1.` token as EKS's aws-iam-authenticator does: the presigned URL must be a GetCallerIdentity
/// for one of the trusted STS endpoints (any other host is refused without a connection), fresh, and bound to this
/// control plane's id; then STS itself is asked who signed it.
public struct IAMTokenVerifier: Sendable {
    /// The STS endpoints a token may name, as `scheme://host[:port]`.
    public let trustedEndpoints: [URL]
    /// The `x-k8s-aws-id` tokens must be signed for.
    public let clusterID: String
    let transport: any AWSTransport
    let now: @Sendable () -> Date

    /// Creates a verifier; `now` is the clock token dates are checked against.
    public init(trustedEndpoints: [URL], clusterID: String, transport: any AWSTransport = AsyncHTTPClientTransport(maxBodyBytes: 1 << 16),
                now: @escaping @Sendable () -> Date) {
        self.trustedEndpoints = trustedEndpoints
        self.clusterID = clusterID
        self.transport = transport
        self.now = now
    }

    /// Query parameters a GetCallerIdentity presigned URL may carry; each exactly once.
    static let allowedParameters: Set<String> = ["Action", "Version", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
                                                 "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature"]
    /// How far a token's date may be ahead of this clock.
    static let clockSkewSeconds: TimeInterval = 300

    /// The principal of `token`, or an error saying which rule it broke (never quoting the token or its URL).
    public func verify(_ token: String) async throws(IAMTokenError) -> IAMPrincipal {
        let request = try check(token)
        let response: AWSResponse
        do {
            response = try await transport.send(request, timeout: .seconds(10))
        } catch {
            throw IAMTokenError("the STS endpoint \(request.scheme)://\(request.host) did not answer")
        }
        guard response.status == 200 else {
            throw IAMTokenError("STS refused the token (HTTP \(response.status))")
        }
        let result = XMLResponse.parse(response.body)["GetCallerIdentityResponse"]["GetCallerIdentityResult"]
        guard let arn = result["Arn"].element?.text, arn.hasPrefix("arn:"), arn.utf8.count <= 2048,
              let account = result["Account"].element?.text else {
            throw IAMTokenError("STS answered without an identity")
        }
        return IAMPrincipal(arn: arn, account: account)
    }

    /// The request a token stands for, once it passes every rule that needs no network.
    func check(_ token: String) throws(IAMTokenError) -> AWSRequest {
        guard let text = IAMToken.url(of: token), let url = URLComponents(string: text) else {
            throw IAMTokenError("the token is not a k8s-aws-v1 token")
        }
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), url.user == nil, url.password == nil,
              url.fragment == nil, url.path.isEmpty || url.path == "/",
              let endpoint = trustedEndpoints.first(where: { Self.same($0, scheme: scheme, host: host, port: url.port) }) else {
            throw IAMTokenError("the token is not for a trusted STS endpoint")
        }
        var parameters: [String: String] = [:]
        for item in url.queryItems ?? [] {
            guard Self.allowedParameters.contains(item.name), parameters[item.name] == nil, let value = item.value else {
                throw IAMTokenError("the token's URL has a parameter a GetCallerIdentity request does not")
            }
            parameters[item.name] = value
        }
        guard parameters["Action"] == "GetCallerIdentity", parameters["Version"] == "2011-06-15",
              parameters["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256", parameters["X-Amz-Credential"] != nil, parameters["X-Amz-Signature"] != nil else {
            throw IAMTokenError("the token is not a presigned STS GetCallerIdentity request")
        }
        let signedHeaders = (parameters["X-Amz-SignedHeaders"] ?? "").split(separator: ";").map(String.init)
        guard signedHeaders.contains("host"), signedHeaders.contains(IAMToken.clusterIDHeader) else {
            throw IAMTokenError("the token does not sign \(IAMToken.clusterIDHeader), so it is not bound to this control plane")
        }
        guard let expires = parameters["X-Amz-Expires"].flatMap(Int.init), (1...IAMToken.lifetimeSeconds).contains(expires),
              let signedAt = parameters["X-Amz-Date"].flatMap(Self.parseDate) else {
            throw IAMTokenError("the token's date or expiry is missing or longer than \(IAMToken.lifetimeSeconds) s")
        }
        let time = now()
        guard time >= signedAt.addingTimeInterval(-Self.clockSkewSeconds), time <= signedAt.addingTimeInterval(TimeInterval(expires)) else {
            throw IAMTokenError("the token expired or is not valid yet")
        }
        var headers = AWSHeaders()
        headers.add(IAMToken.clusterIDHeader, clusterID)
        let order = ["Action", "Version", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
                     "X-Amz-Security-Token", "X-Amz-Signature"]
        let query = order.compactMap { name in parameters[name].map { AWSQueryItem(name, $0) } }
        let hostPort = endpoint.port.map { "\(host):\($0)" } ?? host
        return AWSRequest(method: "GET", scheme: scheme, host: hostPort, path: "/", query: query, headers: headers)
    }

    /// True when `endpoint` is `scheme://host[:port]`, default ports included.
    static func same(_ endpoint: URL, scheme: String, host: String, port: Int?) -> Bool {
        func effective(_ port: Int?, _ scheme: String) -> Int? { port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil) }
        guard let trustedScheme = endpoint.scheme?.lowercased(), let trustedHost = endpoint.host?.lowercased() else { return false }
        return trustedScheme == scheme && trustedHost == host && effective(endpoint.port, trustedScheme) == effective(port, scheme)
    }

    /// `20261202T100000Z`.
    static func parseDate(_ text: String) -> Date? {
        guard text.utf8.count == 16 else { return nil }
        let iso = "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.dropFirst(6).prefix(2))T\(text.dropFirst(9).prefix(2)):\(text.dropFirst(11).prefix(2)):\(text.dropFirst(13).prefix(2))Z"
        return AWSDate.parseISO8601(iso)
    }
}

/// ARNs as mappings name them.
public enum PrincipalARN {
    /// An assumed-role session's ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`) becomes its role's
    /// (`arn:aws:iam::ACCOUNT:role/ROLE`); any other ARN is returned as it is.
    public static func canonical(_ arn: String) -> String {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sts" else { return arn }
        let resource = parts[5].split(separator: "/", omittingEmptySubsequences: false)
        guard resource.count >= 3, resource[0] == "assumed-role", !resource[1].isEmpty else { return arn }
        return "arn:\(parts[1]):iam::\(parts[4]):role/\(resource[1])"
    }
}
