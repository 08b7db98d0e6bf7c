/// Who set which fields of an object, as Kubernetes' `metav1.ManagedFieldsEntry` records it for server-side apply.
public struct ManagedFieldsEntry: Sendable, Hashable, Codable {
    /// `Apply` for server-side apply, `Update` for every other write.
    public var manager: String
    public var operation: String
    public var apiVersion: String
    public var time: Timestamp?
    public var fieldsType: String
    public var fieldsV1: FieldsV1

    /// Creates an entry in the FieldsV1 format.
    public init(manager: String, operation: String, apiVersion: String, time: Timestamp?, fields: FieldsV1) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        fieldsType = "FieldsV1"
        fieldsV1 = fields
    }

    enum CodingKeys: String, CodingKey {
        case manager, operation, apiVersion, time, fieldsType, fieldsV1
    }
}

/// A set of field paths as a tree: `{"f:spec":{"f:workers":{}}}` owns `.spec.workers`.
public struct FieldsV1: Sendable, Hashable, Codable {
    public var children: [String: FieldsV1]

    /// Creates a tree with these children.
    public init(_ children: [String: FieldsV1] = [:]) {
        self.children = children
    }

    public init(from decoder: any Decoder) throws {
        children = try decoder.singleValueContainer().decode([String: FieldsV1].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(children)
    }
}
