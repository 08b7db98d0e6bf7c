import Foundation

/// The OpenAPI v2 document in the protobuf form (gnostic's `openapi.v2.Document`) that kubectl 1.27 and
/// client-go's discovery ask for, and the only form they read: kubectl `apply` loads it to build its validator.
/// Written from the same document as the JSON; only the parts the documents use are encoded.
enum OpenAPIv2Protobuf {
    /// What clients ask for in `Accept`.
    static let mediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
    /// What the answer is labelled: the same type without the `@`, which Go's media type parser refuses.
    static let contentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

    static func encode(_ document: [String: Any]) throws -> [UInt8] {
        var writer = ProtobufWriter()
        writer.string(1, document["swagger"] as? String)
        if let info = document["info"] as? [String: Any] {
            writer.message(2) { $0.string(1, info["title"] as? String); $0.string(2, info["version"] as? String) }
        }
        let paths = document["paths"] as? [String: Any] ?? [:]
        writer.message(8) { writer in
            for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
                writer.message(2) { named in
                    named.string(1, path)
                    named.message(2) { try pathItem(&$0, item as? [String: Any] ?? [:]) }
                }
            }
        }
        let definitions = document["definitions"] as? [String: Any] ?? [:]
        writer.message(9) { writer in
            for (name, schema) in definitions.sorted(by: { $0.key < $1.key }) {
                writer.message(1) { named in
                    named.string(1, name)
                    named.message(2) { try self.schema(&$0, schema as? [String: Any] ?? [:]) }
                }
            }
        }
        return try writer.finish()
    }

    private static func pathItem(_ writer: inout ProtobufWriter, _ item: [String: Any]) throws {
        for (method, field) in [("get", 2), ("put", 3), ("post", 4), ("delete", 5), ("patch", 8)] {
            guard let operation = item[method] as? [String: Any] else { continue }
            writer.message(field) { try self.operation(&$0, operation) }
        }
    }

    private static func operation(_ writer: inout ProtobufWriter, _ operation: [String: Any]) throws {
        for tag in operation["tags"] as? [String] ?? [] { writer.string(1, tag) }
        writer.string(5, operation["operationId"] as? String)
        for type in operation["produces"] as? [String] ?? [] { writer.string(6, type) }
        for type in operation["consumes"] as? [String] ?? [] { writer.string(7, type) }
        for parameter in operation["parameters"] as? [[String: Any]] ?? [] {
            writer.message(8) { item in item.message(1) { try self.parameter(&$0, parameter) } }
        }
        if let responses = operation["responses"] as? [String: Any] {
            writer.message(9) { writer in
                for (code, response) in responses.sorted(by: { $0.key < $1.key }) {
                    let response = response as? [String: Any] ?? [:]
                    writer.message(1) { named in
                        named.string(1, code)
                        named.message(2) { value in
                            value.message(1) { body in
                                body.string(1, response["description"] as? String)
                                if let schema = response["schema"] as? [String: Any] {
                                    body.message(2) { item in item.message(1) { try self.schema(&$0, schema) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        try extensions(&writer, field: 13, operation)
    }

    private static func parameter(_ writer: inout ProtobufWriter, _ parameter: [String: Any]) throws {
        let location = parameter["in"] as? String ?? ""
        if location == "body" {
            writer.message(1) { body in
                body.string(2, parameter["name"] as? String)
                body.string(3, location)
                body.bool(4, parameter["required"] as? Bool ?? false)
                if let schema = parameter["schema"] as? [String: Any] { body.message(5) { try self.schema(&$0, schema) } }
            }
            return
        }
        // Query parameters are sub-schema 3 and path parameters 4; their `type` fields are numbered differently.
        let (kind, typeField) = location == "path" ? (4, 5) : (3, 6)
        writer.message(2) { nonBody in
            nonBody.message(kind) { sub in
                sub.bool(1, parameter["required"] as? Bool ?? false)
                sub.string(2, location)
                sub.string(4, parameter["name"] as? String)
                sub.string(typeField, parameter["type"] as? String)
            }
        }
    }

    private static func schema(_ writer: inout ProtobufWriter, _ schema: [String: Any]) throws {
        writer.string(1, schema["$ref"] as? String)
        writer.string(2, schema["format"] as? String)
        writer.string(4, schema["description"] as? String)
        for name in schema["required"] as? [String] ?? [] { writer.string(19, name) }
        for value in schema["enum"] as? [Any] ?? [] {
            let yaml = try yamlText(value)
            writer.message(20) { $0.string(2, yaml) }
        }
        if let additional = schema["additionalProperties"] as? [String: Any] {
            writer.message(21) { item in item.message(1) { try self.schema(&$0, additional) } }
        }
        if let type = schema["type"] as? String { writer.message(22) { $0.string(1, type) } }
        if let items = schema["items"] as? [String: Any] {
            writer.message(23) { item in item.message(1) { try self.schema(&$0, items) } }
        }
        if let properties = schema["properties"] as? [String: Any] {
            writer.message(25) { writer in
                for (name, property) in properties.sorted(by: { $0.key < $1.key }) {
                    writer.message(1) { named in
                        named.string(1, name)
                        named.message(2) { try self.schema(&$0, property as? [String: Any] ?? [:]) }
                    }
                }
            }
        }
        try extensions(&writer, field: 31, schema)
    }

    /// `x-` keys as NamedAny entries whose value is YAML text (JSON is YAML).
    private static func extensions(_ writer: inout ProtobufWriter, field: Int, _ object: [String: Any]) throws {
        for (name, value) in object.sorted(by: { $0.key < $1.key }) where name.hasPrefix("x-") {
            let yaml = try yamlText(value)
            writer.message(field) { named in
                named.string(1, name)
                named.message(2) { $0.string(2, yaml) }
            }
        }
    }

    private static func yamlText(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// A protobuf writer for the wire types the document needs: varints, and length-delimited strings and messages.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []
    private var failure: (any Error)?

    mutating func string(_ field: Int, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        lengthDelimited(field, Array(value.utf8))
    }

    mutating func bool(_ field: Int, _ value: Bool) {
        guard value else { return }
        varint(UInt64(field << 3))
        varint(1)
    }

    /// A nested message written by `body`; an error in it is reported by `finish`.
    mutating func message(_ field: Int, _ body: (inout ProtobufWriter) throws -> Void) {
        var inner = ProtobufWriter()
        do { try body(&inner) } catch { failure = failure ?? error }
        if let innerFailure = inner.failure { failure = failure ?? innerFailure }
        lengthDelimited(field, inner.bytes)
    }

    func finish() throws -> [UInt8] {
        if let failure { throw failure }
        return bytes
    }

    private mutating func lengthDelimited(_ field: Int, _ payload: [UInt8]) {
        varint(UInt64(field << 3 | 2))
        varint(UInt64(payload.count))
        bytes += payload
    }

    private mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }
}
