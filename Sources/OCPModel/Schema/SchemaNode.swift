/// The shape of a value on the wire, as an OpenAPI schema describes it. Derived from the model's own `Decodable`
/// conformances by `SchemaReader`, so the published schema cannot drift from what the API decodes.
public indirect enum SchemaNode: Sendable, Hashable {
    case string(format: String? = nil, allowed: [String]? = nil)
    case integer(format: String)
    case number
    case boolean
    case array(SchemaNode)
    /// An object with string keys and values of one shape (labels, tags).
    case map(SchemaNode)
    case object([SchemaProperty])

    /// The property named `name` of an object.
    public func property(_ name: String) -> SchemaProperty? {
        guard case .object(let properties) = self else { return nil }
        return properties.first { $0.name == name }
    }
}

/// One property of an object schema, in the order the type decodes it.
public struct SchemaProperty: Sendable, Hashable {
    public var name: String
    public var node: SchemaNode
    /// Decoded with `decode`, not `decodeIfPresent`: a document without it is rejected.
    public var required: Bool
    /// What the field means, for `kubectl explain`.
    public var description: String?

    public init(name: String, node: SchemaNode, required: Bool, description: String? = nil) {
        self.name = name
        self.node = node
        self.required = required
        self.description = description
    }
}

/// A type whose wire shape is not what its decoder reveals (a string with a syntax, an open set of values):
/// it states its schema and a sample value the reader returns in its place.
public protocol SchemaDescribed {
    static var schema: SchemaNode { get }
    static var schemaSample: Self { get }
}

/// A string enumeration: its schema lists every raw value.
public protocol SchemaEnumeration: SchemaDescribed, CaseIterable, RawRepresentable where RawValue == String {}

extension SchemaEnumeration {
    public static var schema: SchemaNode { .string(allowed: allCases.map(\.rawValue)) }
    public static var schemaSample: Self { allCases.first! }
}

/// A type that documents its fields for `kubectl explain`.
public protocol SchemaDocumented {
    static var fieldDescriptions: [String: String] { get }
}
