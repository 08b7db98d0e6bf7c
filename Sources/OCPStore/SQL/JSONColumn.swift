import Foundation
import OCPModel

/// JSON documents in columns: one canonical encoding (sorted keys), so equal values store equal text;
/// SQLite compares specs as text to decide whether the generation moves.
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Encodes a string map; the common empty one without an encoder.
    static func encodeMap(_ map: [String: String]?) throws -> String {
        guard let map, !map.isEmpty else { return "{}" }
        return try encode(map)
    }

    /// A string map; the common empty one without a decoder.
    static func decodeMap(_ text: String) throws -> [String: String] {
        text == "{}" ? [:] : try decode([String: String].self, text)
    }

    /// A string list; the common empty and single-finalizer ones without a decoder.
    static func decodeList(_ text: String) throws -> [String] {
        switch text {
        case "[]": []
        case finalizerOnly: [Cluster.finalizer]
        default: try decode([String].self, text)
        }
    }

    static let finalizerOnly = #"["\#(Cluster.finalizer)"]"#

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
