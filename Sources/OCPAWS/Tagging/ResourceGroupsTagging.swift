/// The Resource Groups Tagging API (JSON 1.1): finds resources of every service by tag.
public struct ResourceGroupsTagging: Sendable {
    /// The client that signs and sends.
    public let client: AWSClient
    static let targetPrefix = "ResourceGroupsTaggingAPI_20170126"

    /// Creates the tagging calls over `client`.
    public init(client: AWSClient) {
        self.client = client
    }

    /// One page of GetResources; `resourceTypes` are like `ec2:instance` or `s3`.
    public func getResourcesPage(tagFilters: [TagFilter], resourceTypes: [String] = [], resourcesPerPage: Int? = nil,
                                 paginationToken: String? = nil) async throws -> AWSPage<TaggedResource> {
        let input = GetResourcesInput(tagFilters: tagFilters, resourceTypeFilters: resourceTypes.isEmpty ? nil : resourceTypes,
                                      resourcesPerPage: resourcesPerPage, paginationToken: paginationToken)
        let output = try await client.json(.resourceGroupsTagging, targetPrefix: Self.targetPrefix, operation: "GetResources",
                                           input: input, as: GetResourcesOutput.self)
        let resources = (output.resourceTagMappingList ?? []).map { mapping in
            TaggedResource(arn: mapping.resourceARN,
                           tags: Dictionary((mapping.tags ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }))
        }
        return AWSPage(items: resources, nextToken: output.paginationToken)
    }

    /// Every resource matching the filters (all pages, followed by `PaginationToken`).
    public func getResources(tagFilters: [TagFilter], resourceTypes: [String] = []) async throws -> [TaggedResource] {
        try await AWSPagination.collect { token in
            try await getResourcesPage(tagFilters: tagFilters, resourceTypes: resourceTypes, paginationToken: token)
        }
    }
}

struct GetResourcesInput: Encodable {
    let tagFilters: [TagFilter]
    let resourceTypeFilters: [String]?
    let resourcesPerPage: Int?
    let paginationToken: String?

    enum CodingKeys: String, CodingKey {
        case tagFilters = "TagFilters"
        case resourceTypeFilters = "ResourceTypeFilters"
        case resourcesPerPage = "ResourcesPerPage"
        case paginationToken = "PaginationToken"
    }
}

struct GetResourcesOutput: Decodable, Sendable {
    struct Mapping: Decodable, Sendable {
        let resourceARN: String
        let tags: [Tag]?

        enum CodingKeys: String, CodingKey {
            case resourceARN = "ResourceARN"
            case tags = "Tags"
        }
    }

    struct Tag: Decodable, Sendable {
        let key: String
        let value: String

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case value = "Value"
        }
    }

    let paginationToken: String?
    let resourceTagMappingList: [Mapping]?

    enum CodingKeys: String, CodingKey {
        case paginationToken = "PaginationToken"
        case resourceTagMappingList = "ResourceTagMappingList"
    }
}

extension AWSClient {
    /// The Resource Groups Tagging API calls.
    public var tagging: ResourceGroupsTagging { ResourceGroupsTagging(client: self) }
}
