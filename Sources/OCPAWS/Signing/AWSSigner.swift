public import Foundation
import Crypto

/// The parts of one Signature Version 4 signature, for tests and diagnostics; the canonical request holds any session token.
public struct AWSSignature: Sendable, CustomStringConvertible {
    /// The canonical request that was hashed.
    public let canonicalRequest: String
    /// The string that was signed.
    public let stringToSign: String
    /// The hex signature.
    public let signature: String
    /// The full `Authorization` header value.
    public let authorization: String

    public var description: String { "AWSSignature(signature: \(signature))" }
}

/// Signs requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`).
public struct AWSSigner: Sendable {
    /// The credentials that sign.
    public let credentials: AWSCredentials
    /// The region of the credential scope, e.g. `us-east-1`.
    public let region: String
    /// The service's signing name, e.g. `ec2` or `s3`.
    public let service: String

    /// Headers that proxies and clients may change, so they are never signed.
    static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "expect", "x-amzn-trace-id", "content-length"]
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Creates a signer for one service in one region.
    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// S3 neither normalises nor re-encodes the path, and signs `x-amz-content-sha256`.
    var isS3: Bool { service == "s3" }

    /// Returns the request with `host`, `x-amz-date`, the session token, S3's payload hash and `Authorization` set.
    public func sign(_ request: AWSRequest, date: Date) -> AWSRequest {
        signWithDetails(request, date: date).request
    }

    /// Signs the request and also returns the intermediate strings.
    public func signWithDetails(_ request: AWSRequest, date: Date) -> (request: AWSRequest, signature: AWSSignature) {
        var signed = request
        signed.headers.remove("authorization")
        if signed.headers["host"] == nil { signed.headers.add("host", request.host) }
        signed.headers.replace("x-amz-date", AWSDate.timestamp(date))
        if let token = credentials.sessionToken { signed.headers.replace("x-amz-security-token", token) }
        let payloadHash = signed.headers["x-amz-content-sha256"] ?? Self.hexSHA256(signed.body)
        if isS3 && signed.headers["x-amz-content-sha256"] == nil { signed.headers.add("x-amz-content-sha256", payloadHash) }

        let (canonical, signedHeaders) = canonicalRequest(signed, payloadHash: payloadHash)
        let stringToSign = self.stringToSign(canonicalRequest: canonical, date: date)
        let key = SymmetricKey(data: Self.signingKey(secretAccessKey: credentials.secretAccessKey, day: AWSDate.day(date), region: region,
                                                     service: service))
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(date)), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        signed.headers.add("Authorization", authorization)
        return (signed, AWSSignature(canonicalRequest: canonical, stringToSign: stringToSign, signature: signature,
                                     authorization: authorization))
    }

    /// The canonical request and its signed-header list, for a request that already carries its `x-amz-*` headers.
    public func canonicalRequest(_ request: AWSRequest, payloadHash: String) -> (canonical: String, signedHeaders: String) {
        let path = isS3 ? request.path : AWSURIEncoding.encodePath(AWSURIEncoding.normalizePath(request.path))
        let pairs: [(name: String, value: String)] = request.query.map {
            (AWSURIEncoding.encode($0.name), AWSURIEncoding.encode($0.value))
        }
        let query = pairs.sorted { $0.name == $1.name ? $0.value < $1.value : $0.name < $1.name }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
        var grouped: [String: [String]] = [:]
        for field in request.headers {
            let name = field.name.lowercased()
            guard !Self.unsignedHeaders.contains(name) else { continue }
            grouped[name, default: []].append(Self.trimmed(field.value))
        }
        let names = grouped.keys.sorted()
        let headerLines = names.map { "\($0):\(grouped[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonical = [request.method, path, query, headerLines, signedHeaders, payloadHash].joined(separator: "\n")
        return (canonical, signedHeaders)
    }

    /// The string to sign: algorithm, timestamp, scope and the canonical request's hash.
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        ["AWS4-HMAC-SHA256", AWSDate.timestamp(date), scope(date), Self.hexSHA256(Data(canonicalRequest.utf8))]
            .joined(separator: "\n")
    }

    /// `20150830/us-east-1/service/aws4_request`.
    public func scope(_ date: Date) -> String {
        "\(AWSDate.day(date))/\(region)/\(service)/aws4_request"
    }

    /// The derived key: HMAC chain over the day, region, service and `aws4_request`.
    public static func signingKey(secretAccessKey: String, day: String, region: String, service: String) -> Data {
        var key = Data("AWS4\(secretAccessKey)".utf8)
        for part in [day, region, service, "aws4_request"] {
            key = Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: SymmetricKey(data: key)))
        }
        return key
    }

    /// Lower-case hex SHA-256 of `data`.
    public static func hexSHA256(_ data: Data) -> String {
        data.isEmpty ? emptyPayloadHash : hex(SHA256.hash(data: data))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// Trims the value and collapses runs of spaces to one, as the canonical headers require.
    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
