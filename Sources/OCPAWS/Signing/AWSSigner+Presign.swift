public import Foundation
import Crypto

extension AWSSigner {
    /// Signs `request` in its query string (SigV4 presigning, as the SDKs' presigned URLs): credential, date, expiry,
    /// signed headers, session token and signature become query parameters. Headers other than `host` are signed too,
    /// so whoever sends the URL must send them with it. The result is a secret: never log its URL.
    public func presign(_ request: AWSRequest, date: Date, expires seconds: Int) -> AWSRequest {
        var signed = request
        signed.headers.remove("authorization")
        if signed.headers["host"] == nil { signed.headers.add("host", request.host) }
        let signedHeaders = Set(signed.headers.map { $0.name.lowercased() }).subtracting(Self.unsignedHeaders).sorted().joined(separator: ";")
        signed.query += [
            AWSQueryItem("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
            AWSQueryItem("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(date))"),
            AWSQueryItem("X-Amz-Date", AWSDate.timestamp(date)),
            AWSQueryItem("X-Amz-Expires", String(seconds)),
            AWSQueryItem("X-Amz-SignedHeaders", signedHeaders),
        ]
        if let token = credentials.sessionToken { signed.query.append(AWSQueryItem("X-Amz-Security-Token", token)) }
        let (canonical, _) = canonicalRequest(signed, payloadHash: Self.hexSHA256(signed.body))
        let key = SymmetricKey(data: Self.signingKey(secretAccessKey: credentials.secretAccessKey, day: AWSDate.day(date), region: region,
                                                     service: service))
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign(canonicalRequest: canonical, date: date).utf8), using: key))
        signed.query.append(AWSQueryItem("X-Amz-Signature", signature))
        return signed
    }
}
