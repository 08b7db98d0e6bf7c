// The model types whose wire shape their decoders do not reveal, and the documentation `kubectl explain` shows.

extension Timestamp: SchemaDescribed {
    public static var schema: SchemaNode { .string(format: "date-time") }
    public static var schemaSample: Timestamp { Timestamp(secondsSinceEpoch: 0) }
}

extension TTLDuration: SchemaDescribed {
    public static var schema: SchemaNode { .string() }
    public static var schemaSample: TTLDuration { TTLDuration("1h")! }
}

extension PowerState: SchemaDescribed {
    public static var schema: SchemaNode { .string(allowed: allowed.map(\.rawValue)) }
    public static var schemaSample: PowerState { .running }
}

// A recursive tree of field paths: described as an object whose members are not listed, as Kubernetes' own
// OpenAPI describes FieldsV1, since reading its decoder would recurse without end.
extension FieldsV1: SchemaDescribed {
    public static var schema: SchemaNode { .map(.object([])) }
    public static var schemaSample: FieldsV1 { FieldsV1() }
}

extension ClusterPhase: SchemaEnumeration {}
extension ConditionStatus: SchemaEnumeration {}
extension OperationType: SchemaEnumeration {}
extension OperationState: SchemaEnumeration {}
extension Role: SchemaEnumeration {}
extension SyncAction: SchemaEnumeration {}

extension Cluster: SchemaDocumented {
    public static let fieldDescriptions = [
        "apiVersion": "ocpctl.io/v1alpha1.",
        "kind": "Cluster.",
        "metadata": "Standard object metadata: the name, the owning team's namespace, labels and annotations.",
        "spec": "The cluster the team wants: profile, version, region, workers, power state and time to live.",
        "status": "The cluster as it is, reported by the controller with conditions and observedGeneration.",
    ]
}

extension ClusterSpec: SchemaDocumented {
    public static let fieldDescriptions = [
        "profile": "The profile that decides platform, defaults and policy. Required; immutable.",
        "version": "OpenShift version; default and allowlist from the profile.",
        "region": "Cloud region; default and allowlist from the profile. Immutable.",
        "baseDomain": "DNS base domain; default and allowlist from the profile. Immutable.",
        "owner": "The person answerable for the cluster; defaults to the requester.",
        "costCenter": "The cost center billed; satisfies a profile's required cost-center tag.",
        "ttl": "Time to live from creation, e.g. 90m, 24h, 7d; default and maximum from the profile.",
        "workers": "Worker replicas; default, minimum and maximum from the profile.",
        "powerState": "Running or Hibernating; defaults to Running.",
        "tags": "Cloud tags, merged with the profile's default tags.",
    ]
}

extension SyncSource: SchemaDocumented {
    public static let fieldDescriptions = [
        "metadata": "Standard object metadata.",
        "spec": "The git repository, revision and path to keep applied, and how.",
        "status": "The revision applied, conditions, the result per cluster and drift.",
    ]
}

extension APIToken: SchemaDocumented {
    public static let fieldDescriptions = [
        "metadata": "Standard object metadata; the name is the token's id.",
        "spec": "Who the token speaks for: user, teams, role and expiry.",
        "status": "Who made the token and when it was last used; the secret only in the answer to its creation.",
    ]
}

/// The kinds the API serves, each with its schema read from its `Decodable` conformance.
public enum APISchemas {
    /// One served kind.
    public struct Kind: Sendable, Hashable {
        public var kind: String
        public var description: String
        public var schema: SchemaNode
    }

    /// Cluster, SyncSource and Token, in that order.
    public static func kinds() throws -> [Kind] {
        [
            Kind(kind: Cluster.kind, description: "An OpenShift cluster as a team wants it (spec) and as it is (status).",
                 schema: try SchemaReader.schema(of: Cluster.self)),
            Kind(kind: SyncSource.kind, description: "A git repository of Cluster manifests kept applied, like an Argo CD Application.",
                 schema: try SchemaReader.schema(of: SyncSource.self)),
            Kind(kind: APIToken.kind, description: "A bearer token: a user, teams and a role. Admins only.",
                 schema: try SchemaReader.schema(of: APIToken.self)),
        ]
    }
}
