/// One AWS service this client speaks to: how it is signed, found and overridden.
public struct AWSService: Sendable, Hashable, CustomStringConvertible {
    /// The SigV4 signing name, e.g. `ec2`.
    public let signingName: String
    /// The host prefix of the default endpoint, e.g. `secretsmanager`.
    public let endpointPrefix: String
    /// The suffix of the `AWS_ENDPOINT_URL_<SERVICE>` variable, e.g. `SECRETS_MANAGER`.
    public let environmentSuffix: String

    /// Creates a service description.
    public init(signingName: String, endpointPrefix: String, environmentSuffix: String) {
        self.signingName = signingName
        self.endpointPrefix = endpointPrefix
        self.environmentSuffix = environmentSuffix
    }

    public var description: String { signingName }

    /// Amazon EC2 (Query protocol).
    public static let ec2 = AWSService(signingName: "ec2", endpointPrefix: "ec2", environmentSuffix: "EC2")
    /// Amazon S3 (REST-XML).
    public static let s3 = AWSService(signingName: "s3", endpointPrefix: "s3", environmentSuffix: "S3")
    /// AWS Secrets Manager (JSON 1.1).
    public static let secretsManager = AWSService(signingName: "secretsmanager", endpointPrefix: "secretsmanager",
                                                  environmentSuffix: "SECRETS_MANAGER")
    /// AWS STS (Query protocol).
    public static let sts = AWSService(signingName: "sts", endpointPrefix: "sts", environmentSuffix: "STS")
    /// The Resource Groups Tagging API (JSON 1.1).
    public static let resourceGroupsTagging = AWSService(signingName: "tagging", endpointPrefix: "tagging",
                                                         environmentSuffix: "RESOURCE_GROUPS_TAGGING_API")
}
