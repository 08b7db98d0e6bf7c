import Foundation

/// Who the credentials belong to.
public struct CallerIdentity: Sendable, Equatable {
    /// The 12-digit account id.
    public let account: String
    /// The caller's ARN.
    public let arn: String
    /// The unique id of the user or role session.
    public let userID: String

    /// Creates a value.
    public init(account: String, arn: String, userID: String) {
        self.account = account
        self.arn = arn
        self.userID = userID
    }
}

/// The STS Query API calls ocpctl needs.
public struct STS: Sendable {
    /// The client that signs and sends (unsigned when it has no credentials).
    public let client: AWSClient
    static let version = "2011-06-15"

    /// Creates the STS calls over `client`.
    public init(client: AWSClient) {
        self.client = client
    }

    /// GetCallerIdentity: the account and ARN of the signing credentials.
    public func getCallerIdentity() async throws -> CallerIdentity {
        try await client.query(.sts, action: "GetCallerIdentity", version: Self.version, parameters: []) { xml in
            let result = xml["GetCallerIdentityResponse"]["GetCallerIdentityResult"]
            return CallerIdentity(account: result["Account"].text ?? "", arn: result["Arn"].text ?? "", userID: result["UserId"].text ?? "")
        }
    }

    /// AssumeRoleWithWebIdentity: temporary credentials for a role, sent unsigned as the API requires.
    public func assumeRoleWithWebIdentity(roleARN: String, sessionName: String, webIdentityToken: String,
                                          durationSeconds: Int? = nil) async throws -> AWSCredentials {
        var parameters = [
            AWSQueryItem("RoleArn", roleARN), AWSQueryItem("RoleSessionName", sessionName),
            AWSQueryItem("WebIdentityToken", webIdentityToken),
        ]
        if let durationSeconds { parameters.append(AWSQueryItem("DurationSeconds", String(durationSeconds))) }
        let operation = "AssumeRoleWithWebIdentity"
        let credentials: AWSCredentials? = try await client.with(credentials: nil)
            .query(.sts, action: operation, version: Self.version, parameters: parameters) { xml in
                let result = xml["AssumeRoleWithWebIdentityResponse"]["AssumeRoleWithWebIdentityResult"]["Credentials"]
                guard let accessKey = result["AccessKeyId"].text, let secret = result["SecretAccessKey"].text else { return nil }
                return AWSCredentials(accessKeyID: accessKey, secretAccessKey: secret, sessionToken: result["SessionToken"].text,
                                      expiration: result["Expiration"].text.flatMap(AWSDate.parseISO8601),
                                      source: "web identity, role \(roleARN)")
            }
        guard let credentials else {
            throw AWSError(service: AWSService.sts.signingName, operation: operation, statusCode: nil, code: "InvalidResponse",
                           message: "the answer has no credentials", requestID: nil, attempts: 1)
        }
        return credentials
    }
}

extension AWSClient {
    /// The STS calls.
    public var sts: STS { STS(client: self) }
}
