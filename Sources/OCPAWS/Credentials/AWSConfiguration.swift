/// Region, profile and endpoints, resolved from the environment and the shared files like the AWS SDKs do.
public struct AWSConfiguration: Sendable, Equatable {
    /// The region requests are signed for and sent to.
    public var region: String
    /// The shared-files profile in use (`AWS_PROFILE`, else `default`).
    public var profile: String
    /// Endpoint overrides by service signing name; `AWS_ENDPOINT_URL` is stored under `*`.
    public var endpointOverrides: [String: AWSEndpoint]

    /// Creates a configuration from explicit values.
    public init(region: String, profile: String = "default", endpointOverrides: [String: AWSEndpoint] = [:]) {
        self.region = region
        self.profile = profile
        self.endpointOverrides = endpointOverrides
    }

    /// Where `service`'s requests go: its own override, else the global one, else the public endpoint.
    public func endpoint(for service: AWSService) -> AWSEndpoint {
        endpointOverrides[service.signingName] ?? endpointOverrides["*"] ?? .standard(service, region: region)
    }

    /// The services whose `AWS_ENDPOINT_URL_<SERVICE>` variables are read.
    public static let knownServices: [AWSService] = [.ec2, .s3, .secretsManager, .sts, .resourceGroupsTagging]

    /// Reads `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, and the `AWS_ENDPOINT_URL*` variables.
    public static func resolve(from environment: AWSEnvironment) throws(AWSConfigurationError) -> AWSConfiguration {
        let files = SharedFiles(environment)
        let profile = files.profileName
        guard let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? files.setting("region") else {
            throw AWSConfigurationError(
                "no AWS region: set AWS_REGION or AWS_DEFAULT_REGION, or `region` in profile \(profile) of \(files.configPath)")
        }
        var overrides: [String: AWSEndpoint] = [:]
        if let url = environment["AWS_ENDPOINT_URL"] {
            guard let endpoint = AWSEndpoint(url: url) else { throw AWSConfigurationError("AWS_ENDPOINT_URL is not an http(s) URL: \(url)") }
            overrides["*"] = endpoint
        }
        for service in knownServices {
            let name = "AWS_ENDPOINT_URL_\(service.environmentSuffix)"
            guard let url = environment[name] else { continue }
            guard let endpoint = AWSEndpoint(url: url) else { throw AWSConfigurationError("\(name) is not an http(s) URL: \(url)") }
            overrides[service.signingName] = endpoint
        }
        return AWSConfiguration(region: region, profile: profile, endpointOverrides: overrides)
    }
}

/// Why configuration or credentials could not be resolved; never carries a secret.
public struct AWSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and where to fix it.
    public let message: String

    /// Creates an error with a message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
