public import Foundation
import SWXMLHash

/// The EC2 Query API calls ocpctl needs.
public struct EC2: Sendable {
    /// The client that signs and sends.
    public let client: AWSClient
    static let version = "2016-11-15"

    /// Creates the EC2 calls over `client`.
    public init(client: AWSClient) {
        self.client = client
    }

    /// One page of DescribeInstances.
    public func describeInstancesPage(filters: [EC2Filter] = [], instanceIDs: [String] = [], maxResults: Int? = nil,
                                      nextToken: String? = nil) async throws -> AWSPage<EC2Instance> {
        var parameters = Self.filterParameters(filters) + Self.listParameters("InstanceId", instanceIDs)
        if let maxResults { parameters.append(AWSQueryItem("MaxResults", String(maxResults))) }
        if let nextToken { parameters.append(AWSQueryItem("NextToken", nextToken)) }
        return try await call("DescribeInstances", parameters) { xml in
            let response = xml["DescribeInstancesResponse"]
            let instances = response["reservationSet"].items.flatMap { $0["instancesSet"].items.map(Self.instance) }
            return AWSPage(items: instances, nextToken: response["nextToken"].text)
        }
    }

    /// Every instance matching the filters (all pages).
    public func describeInstances(filters: [EC2Filter] = [], instanceIDs: [String] = []) async throws -> [EC2Instance] {
        try await AWSPagination.collect { token in
            // MaxResults cannot be combined with instance ids.
            try await describeInstancesPage(filters: filters, instanceIDs: instanceIDs,
                                            maxResults: instanceIDs.isEmpty ? 1000 : nil, nextToken: token)
        }
    }

    /// Launches `count` tagged instances of `imageID`; minimal, for tests and test doubles. The client token makes retries idempotent.
    public func runInstances(imageID: String, instanceType: String, count: Int = 1, tags: [String: String] = [:],
                             subnetID: String? = nil, clientToken: String = UUID().uuidString) async throws -> [EC2Instance] {
        var parameters = [
            AWSQueryItem("ImageId", imageID), AWSQueryItem("InstanceType", instanceType),
            AWSQueryItem("MinCount", String(count)), AWSQueryItem("MaxCount", String(count)), AWSQueryItem("ClientToken", clientToken),
        ]
        if let subnetID { parameters.append(AWSQueryItem("SubnetId", subnetID)) }
        if !tags.isEmpty {
            parameters.append(AWSQueryItem("TagSpecification.1.ResourceType", "instance"))
            parameters += Self.tagParameters("TagSpecification.1.Tag", tags)
        }
        return try await call("RunInstances", parameters) { xml in
            xml["RunInstancesResponse"]["instancesSet"].items.map(Self.instance)
        }
    }

    /// Stops instances.
    public func stopInstances(_ instanceIDs: [String], force: Bool = false) async throws -> [EC2InstanceStateChange] {
        let parameters = Self.listParameters("InstanceId", instanceIDs) + (force ? [AWSQueryItem("Force", "true")] : [])
        return try await stateChange("StopInstances", parameters)
    }

    /// Starts stopped instances.
    public func startInstances(_ instanceIDs: [String]) async throws -> [EC2InstanceStateChange] {
        try await stateChange("StartInstances", Self.listParameters("InstanceId", instanceIDs))
    }

    /// Terminates instances.
    public func terminateInstances(_ instanceIDs: [String]) async throws -> [EC2InstanceStateChange] {
        try await stateChange("TerminateInstances", Self.listParameters("InstanceId", instanceIDs))
    }

    /// Adds or overwrites tags on resources (instances, volumes, …).
    public func createTags(resourceIDs: [String], tags: [String: String]) async throws {
        let parameters = Self.listParameters("ResourceId", resourceIDs) + Self.tagParameters("Tag", tags)
        try await call("CreateTags", parameters) { _ in () }
    }

    func call<Output: Sendable>(_ action: String, _ parameters: [AWSQueryItem],
                                parse: (XMLIndexer) throws -> Output) async throws -> Output {
        try await client.query(.ec2, action: action, version: Self.version, parameters: parameters, parse: parse)
    }

    func stateChange(_ action: String, _ parameters: [AWSQueryItem]) async throws -> [EC2InstanceStateChange] {
        try await call(action, parameters) { xml in
            xml["\(action)Response"]["instancesSet"].items.map { item in
                EC2InstanceStateChange(instanceID: item["instanceId"].text ?? "",
                                       previousState: EC2InstanceState(name: item["previousState"]["name"].text ?? ""),
                                       currentState: EC2InstanceState(name: item["currentState"]["name"].text ?? ""))
            }
        }
    }

    static func instance(_ item: XMLIndexer) -> EC2Instance {
        var tags: [String: String] = [:]
        for tag in item["tagSet"].items {
            if let key = tag["key"].text { tags[key] = tag["value"].text ?? "" }
        }
        return EC2Instance(id: item["instanceId"].text ?? "", state: EC2InstanceState(name: item["instanceState"]["name"].text ?? ""),
                           instanceType: item["instanceType"].text, imageID: item["imageId"].text,
                           privateIPAddress: item["privateIpAddress"].text, tags: tags)
    }

    /// `Name.1=a&Name.2=b`.
    static func listParameters(_ name: String, _ values: [String]) -> [AWSQueryItem] {
        values.enumerated().map { AWSQueryItem("\(name).\($0.offset + 1)", $0.element) }
    }

    /// `Filter.N.Name` and `Filter.N.Value.M`.
    static func filterParameters(_ filters: [EC2Filter]) -> [AWSQueryItem] {
        filters.enumerated().flatMap { index, filter in
            [AWSQueryItem("Filter.\(index + 1).Name", filter.name)] + listParameters("Filter.\(index + 1).Value", filter.values)
        }
    }

    /// `Prefix.N.Key` and `Prefix.N.Value`, sorted by key so requests are reproducible.
    static func tagParameters(_ prefix: String, _ tags: [String: String]) -> [AWSQueryItem] {
        tags.sorted { $0.key < $1.key }.enumerated().flatMap { index, tag in
            [AWSQueryItem("\(prefix).\(index + 1).Key", tag.key), AWSQueryItem("\(prefix).\(index + 1).Value", tag.value)]
        }
    }
}

extension AWSClient {
    /// The EC2 calls.
    public var ec2: EC2 { EC2(client: self) }
}
