public import Foundation

/// A bearer token in the form of EKS's aws-iam-authenticator: `k8s-aws-v1.` and the base64url (unpadded) of a presigned
/// STS GetCallerIdentity URL. Whoever holds it can prove the identity for a few minutes: it is a secret.
public enum IAMToken {
    /// The token's prefix.
    public static let prefix = "k8s-aws-v1."
    /// The header that binds a token to one control plane, signed into the URL (`x-k8s-aws-id`, as in EKS).
    public static let clusterIDHeader = "x-k8s-aws-id"
    /// How long a token lasts: the presigned URL's `X-Amz-Expires`, 15 minutes as in EKS.
    public static let lifetimeSeconds = 900
    /// The longest token read; anything longer is refused before it is decoded.
    public static let maxLength = 8192

    /// A token for `credentials`, presigned for the STS endpoint `endpoint` (e.g. `https://sts.us-east-1.amazonaws.com`)
    /// in `region`, bound to `clusterID`.
    public static func make(credentials: AWSCredentials, region: String, endpoint: URL, clusterID: String, date: Date) throws(IAMTokenError) -> String {
        guard let scheme = endpoint.scheme, let host = endpoint.host else { throw IAMTokenError("the STS endpoint \(endpoint) has no scheme or host") }
        let hostPort = endpoint.port.map { "\(host):\($0)" } ?? host
        var headers = AWSHeaders()
        headers.add(clusterIDHeader, clusterID)
        let request = AWSRequest(method: "GET", scheme: scheme, host: hostPort, path: "/",
                                 query: [AWSQueryItem("Action", "GetCallerIdentity"), AWSQueryItem("Version", "2011-06-15")], headers: headers)
        let signed = AWSSigner(credentials: credentials, region: region, service: "sts").presign(request, date: date, expires: lifetimeSeconds)
        return prefix + base64URL(Data(signed.url.utf8))
    }

    /// The presigned URL inside a token, or nil when the token is not one.
    public static func url(of token: String) -> String? {
        guard token.utf8.count <= maxLength, token.hasPrefix(prefix) else { return nil }
        var text = String(token.dropFirst(prefix.count)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.utf8.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let url = String(data: data, encoding: .utf8) else { return nil }
        return url
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Why a token could not be made or was refused; its message never holds the token or the URL.
public struct IAMTokenError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
