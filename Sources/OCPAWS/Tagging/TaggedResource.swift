/// A resource the tagging API found, with its tags.
public struct TaggedResource: Sendable, Hashable {
    /// The resource's ARN, e.g. `arn:aws:ec2:us-east-1:123456789012:instance/i-…`.
    public let arn: String
    /// The tags by key.
    public let tags: [String: String]

    /// Creates a value.
    public init(arn: String, tags: [String: String]) {
        self.arn = arn
        self.tags = tags
    }
}

/// A GetResources tag filter: resources with tag `key`, and with one of `values` when any are given.
public struct TagFilter: Sendable, Hashable, Codable {
    /// The tag key.
    public let key: String
    /// The accepted values; empty accepts any value.
    public let values: [String]

    /// Creates a filter.
    public init(key: String, values: [String] = []) {
        self.key = key
        self.values = values
    }

    enum CodingKeys: String, CodingKey {
        case key = "Key"
        case values = "Values"
    }
}
