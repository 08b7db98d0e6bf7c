/// Reads a `Decodable` type's schema by decoding it from a decoder that records every field asked for:
/// `decode` marks a field required, `decodeIfPresent` optional, and nested types are read the same way.
public enum SchemaReader {
    /// The schema of `type`; throws if its decoder rejects the sample values (give such a type `SchemaDescribed`).
    public static func schema<T: Decodable>(of type: T.Type) throws -> SchemaNode {
        try read(type).node
    }

    static func read<T: Decodable>(_ type: T.Type) throws -> (node: SchemaNode, value: T) {
        if let described = type as? any SchemaDescribed.Type {
            return (described.schema, described.schemaSample as! T)
        }
        if let collection = type as? any SchemaCollection.Type {
            let (node, value) = try collection.readCollection()
            return (node, value as! T)
        }
        switch type {
        case is String.Type: return (.string(), "" as! T)
        case is Bool.Type: return (.boolean, false as! T)
        case is Double.Type: return (.number, 0.0 as! T)
        case is Float.Type: return (.number, Float(0) as! T)
        case is Int.Type: return (.integer(format: "int64"), 0 as! T)
        case is Int64.Type: return (.integer(format: "int64"), Int64(0) as! T)
        case is Int32.Type: return (.integer(format: "int32"), Int32(0) as! T)
        case is Int8.Type: return (.integer(format: "int32"), Int8(0) as! T)
        case is Int16.Type: return (.integer(format: "int32"), Int16(0) as! T)
        case is UInt.Type: return (.integer(format: "int64"), UInt(0) as! T)
        case is UInt8.Type: return (.integer(format: "int32"), UInt8(0) as! T)
        case is UInt16.Type: return (.integer(format: "int32"), UInt16(0) as! T)
        case is UInt32.Type: return (.integer(format: "int64"), UInt32(0) as! T)
        case is UInt64.Type: return (.integer(format: "int64"), UInt64(0) as! T)
        default: break
        }
        let recorder = Recorder(codingPath: [])
        let value = try T(from: recorder)
        var node = recorder.node ?? .object([])
        if let documented = type as? any SchemaDocumented.Type, case .object(var properties) = node {
            for index in properties.indices { properties[index].description = documented.fieldDescriptions[properties[index].name] }
            node = .object(properties)
        }
        return (node, value)
    }

    /// The decoder handed to a type: keeps what its containers record.
    final class Recorder: Decoder {
        let codingPath: [any CodingKey]
        let userInfo: [CodingUserInfoKey: Any] = [:]
        var properties: [SchemaProperty] = []
        var single: SchemaNode?
        var usedKeyed = false

        init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

        var node: SchemaNode? { usedKeyed ? .object(properties) : single }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            usedKeyed = true
            return KeyedDecodingContainer(KeyedRecorder<Key>(recorder: self))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "arrays are read through Array's own schema"))
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleRecorder(recorder: self) }

        func record<T: Decodable>(_ type: T.Type, key: String, required: Bool) throws -> T {
            let (node, value) = try SchemaReader.read(type)
            if !properties.contains(where: { $0.name == key }) {
                properties.append(SchemaProperty(name: key, node: node, required: required))
            }
            return value
        }
    }

    struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let recorder: Recorder
        var codingPath: [any CodingKey] { recorder.codingPath }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try recorder.record(type, key: key.stringValue, required: true)
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            try recorder.record(type, key: key.stringValue, required: false)
        }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try recorder.record(type, key: key.stringValue, required: false) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try recorder.record(type, key: key.stringValue, required: true) }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try recorder.record(type, key: key.stringValue, required: false) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not read for schemas"))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not read for schemas"))
        }
        func superDecoder() throws -> any Decoder { recorder }
        func superDecoder(forKey key: Key) throws -> any Decoder { recorder }
    }

    struct SingleRecorder: SingleValueDecodingContainer {
        let recorder: Recorder
        var codingPath: [any CodingKey] { recorder.codingPath }

        func decodeNil() -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (node, value) = try SchemaReader.read(type)
            recorder.single = node
            return value
        }
        func decode(_ type: Bool.Type) throws -> Bool { try primitive(type) }
        func decode(_ type: String.Type) throws -> String { try primitive(type) }
        func decode(_ type: Double.Type) throws -> Double { try primitive(type) }
        func decode(_ type: Float.Type) throws -> Float { try primitive(type) }
        func decode(_ type: Int.Type) throws -> Int { try primitive(type) }
        func decode(_ type: Int8.Type) throws -> Int8 { try primitive(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try primitive(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try primitive(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try primitive(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try primitive(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try primitive(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try primitive(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try primitive(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try primitive(type) }
        private func primitive<T: Decodable>(_ type: T.Type) throws -> T {
            let (node, value) = try SchemaReader.read(type)
            recorder.single = node
            return value
        }
    }
}

/// Arrays and string-keyed dictionaries describe themselves from their element's schema, without decoding one.
protocol SchemaCollection {
    static func readCollection() throws -> (SchemaNode, Any)
}

extension Array: SchemaCollection where Element: Decodable {
    static func readCollection() throws -> (SchemaNode, Any) {
        (.array(try SchemaReader.read(Element.self).node), [Element]())
    }
}

extension Dictionary: SchemaCollection where Key == String, Value: Decodable {
    static func readCollection() throws -> (SchemaNode, Any) {
        (.map(try SchemaReader.read(Value.self).node), [String: Value]())
    }
}
