public import OCPAWS

/// One `platform.aws.serviceEndpoints` entry of install-config.yaml.
public struct ServiceEndpoint: Sendable, Hashable, Codable {
    /// The installer's service name, e.g. `ec2`, `elasticloadbalancing`.
    public var name: String
    public var url: String

    /// Creates an entry.
    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}

/// Which endpoint overrides the installer gets, from the same variables our AWS client reads.
public enum ServiceEndpoints {
    /// The installer's service names with the signing name (for our overrides) and `AWS_ENDPOINT_URL_<SUFFIX>` of each.
    static let services: [(name: String, signingName: String, suffix: String)] = [
        ("ec2", "ec2", "EC2"), ("elasticloadbalancing", "elasticloadbalancing", "ELASTIC_LOAD_BALANCING_V2"),
        ("iam", "iam", "IAM"), ("route53", "route53", "ROUTE_53"), ("s3", "s3", "S3"), ("sts", "sts", "STS"),
        ("tagging", "tagging", "RESOURCE_GROUPS_TAGGING_API"),
    ]

    /// The overridden endpoints (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`) as installer entries, sorted by name;
    /// empty when nothing is overridden, so a real account gets none.
    public static func from(_ configuration: AWSConfiguration, variables: [String: String]) -> [ServiceEndpoint] {
        services.compactMap { service in
            if let url = variables["AWS_ENDPOINT_URL_\(service.suffix)"], !url.isEmpty {
                return ServiceEndpoint(name: service.name, url: url)
            }
            guard let endpoint = configuration.endpointOverrides[service.signingName] ?? configuration.endpointOverrides["*"] else { return nil }
            return ServiceEndpoint(name: service.name, url: endpoint.description)
        }.sorted { $0.name < $1.name }
    }
}
