import Foundation
import OCPModel

/// JSON documents in columns: one canonical encoding (sorted keys), so equal values store equal text;
/// SQLite compares specs as text to decide whether the generation moves.
enum JSONColumn {
    // Shared: both are Sendable and safe to use from many tasks while their options stay unchanged, and
    // setting one up costs about as much as a small document's coding.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private static let decoder = JSONDecoder()

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Encodes a string map (labels, annotations) with sorted keys, as JSONEncoder would. Written out by hand
    /// because setting up JSONEncoder costs microseconds even for a one-entry map, on every write.
    static func encodeMap(_ map: [String: String]?) -> String {
        guard let map, !map.isEmpty else { return "{}" }
        var json: [UInt8] = [UInt8(ascii: "{")]
        for (index, entry) in map.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            JSONText.appendString(entry.key, to: &json)
            json.append(UInt8(ascii: ":"))
            JSONText.appendString(entry.value, to: &json)
        }
        json.append(UInt8(ascii: "}"))
        return String(decoding: json, as: UTF8.self)
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
        try decoder.decode(type, from: Data(text.utf8))
    }
}
