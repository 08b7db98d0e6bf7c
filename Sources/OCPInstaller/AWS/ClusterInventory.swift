import OCPAWS
import OCPCloud

/// What AWS has for one cluster: its live instances (anything but terminated) and its other tagged resources.
struct ClusterInventory: Sendable {
    var instances: [EC2Instance] = []
    /// Non-instance resources (VPC, subnets, security groups, load balancers, …) from the tagging API.
    var others: [TaggedResource] = []

    var isEmpty: Bool { instances.isEmpty && others.isEmpty }
    var count: Int { instances.count + others.count }

    /// The infraIDs the resources are owned by, from their `kubernetes.io/cluster/<infraID>` tags.
    var infraIDs: Set<String> {
        let prefix = "kubernetes.io/cluster/"
        let tags = instances.map(\.tags) + others.map(\.tags)
        return Set(tags.flatMap { $0.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) } })
    }

    /// Names for messages: `Name` tag and id of each resource.
    var names: [String] {
        instances.map { "instance \($0.tags["Name"].map { "\($0) " } ?? "")(\($0.id))" } + others.map(Self.describe)
    }

    static func describe(_ resource: TaggedResource) -> String {
        let (type, id) = arnParts(resource.arn)
        return "\(type) \(resource.tags["Name"].map { "\($0) " } ?? "")(\(id))"
    }

    /// Everything tagged `key` (= `value` when given) in the client's region.
    static func load(_ client: AWSClient, key: String, value: String?) async throws -> ClusterInventory {
        let filter: EC2Filter = value.map { .tag(key, $0) } ?? .tagKey(key)
        let instances = try await client.ec2.describeInstances(filters: [filter, .state(.pending, .running, .stopping, .stopped, .shuttingDown)])
        let tagged = try await client.tagging.getResources(tagFilters: [TagFilter(key: key, values: value.map { [$0] } ?? [])])
        return ClusterInventory(instances: instances, others: tagged.filter { arnParts($0.arn).type != "instance" })
    }

    /// The cluster's resources by its uid tag.
    static func load(_ client: AWSClient, clusterUID: String) async throws -> ClusterInventory {
        try await load(client, key: CloudTags.clusterUID, value: clusterUID)
    }

    // MARK: Instances

    enum Role { case bootstrap, controlPlane, worker }

    /// An instance's role, from its `Name` as the installer and the Machine API set it.
    static func role(_ instance: EC2Instance) -> Role {
        let name = instance.tags["Name"] ?? ""
        if name.hasSuffix("-bootstrap") { return .bootstrap }
        if name.contains("-master-") { return .controlPlane }
        if name.contains("-worker-") { return .worker }
        return instance.tags["sigs.k8s.io/cluster-api-provider-aws/role"] == "control-plane" ? .controlPlane : .worker
    }

    func instances(_ role: Role, in states: Set<String>) -> [EC2Instance] {
        instances.filter { Self.role($0) == role && states.contains($0.state.name) }
    }

    /// `(type, id)` of an ARN's resource part: `instance/i-1` → `("instance", "i-1")`, `loadbalancer/net/x/1` → `("loadbalancer", "net/x/1")`.
    static func arnParts(_ arn: String) -> (type: String, id: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return ("", arn) }
        let resource = parts[5]
        guard let slash = resource.firstIndex(of: "/") else { return (String(parts[2]), String(resource)) }
        return (String(resource[..<slash]), String(resource[resource.index(after: slash)...]))
    }
}
