public import Foundation
internal import Yams

/// Writes resources as YAML or JSON in one stable form: fields in declaration order, maps sorted.
public enum ResourceEncoding {
    /// Indented JSON with sorted keys: the same bytes for the same value in every process.
    public static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try jsonData(value, pretty: true), as: UTF8.self)
    }

    /// JSON bytes; compact unless `pretty`.
    public static func jsonData<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Block-style YAML.
    public static func yaml<T: Encodable>(_ value: T) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = false
        return try encoder.encode(value)
    }
}
