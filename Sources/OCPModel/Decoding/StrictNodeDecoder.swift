internal import Yams

/// A `Decoder` over a composed YAML node that is strict in the manner of Kubernetes' strict decoding:
/// unknown and duplicate fields are errors, and scalars must already have the expected type
/// (a number is not a string, a quoted `"3"` is not an integer).
struct StrictNodeDecoder: Decoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .mapping(let mapping) = node else {
            throw issue(.wrongType, "expected an object, got \(describe(node))")
        }
        return KeyedDecodingContainer(try StrictKeyedContainer<Key>(mapping: mapping, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let sequence) = node else {
            throw issue(.wrongType, "expected a list, got \(describe(node))")
        }
        return StrictUnkeyedContainer(elements: Array(sequence), codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func issue(_ reason: FieldError.Reason, _ message: String) -> FieldError {
        FieldError(reason: reason, field: FieldPath.render(codingPath), message: message, line: node.mark?.line)
    }
}

/// Names a node's type for error messages.
func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): ScalarKind(scalar).noun
    case .mapping: "an object"
    case .sequence: "a list"
    case .alias: "an alias"
    }
}

extension StrictNodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        if case .scalar(let scalar) = node { return ScalarKind(scalar) == .null }
        return false
    }

    private func scalar(_ expected: ScalarKind, _ accepted: Set<ScalarKind>, typeName: String) throws -> String {
        guard case .scalar(let scalar) = node else {
            throw issue(.wrongType, "expected \(typeName), got \(describe(node))")
        }
        let kind = ScalarKind(scalar)
        guard accepted.contains(kind) else {
            var message = "expected \(typeName), got \(kind.noun)"
            if expected == .string, kind != .null { message += " (quote the value to make it a string)" }
            throw issue(.wrongType, message)
        }
        return scalar.string
    }

    func decode(_ type: String.Type) throws -> String {
        try scalar(.string, [.string], typeName: "a string")
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        let text = try scalar(.bool, [.bool], typeName: "a boolean")
        return text.lowercased() == "true"
    }

    func decode(_ type: Double.Type) throws -> Double {
        let text = try scalar(.float, [.int, .float], typeName: "a number")
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: break
        }
        guard let value = Double(text) else { throw issue(.wrongType, "expected a number, got \"\(text)\"") }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let text = try scalar(.int, [.int], typeName: "an integer")
        guard let value = T(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
            throw issue(.invalid, "\(text) is out of range for an integer")
        }
        return value
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: self)
    }
}

struct StrictKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let codingPath: [any CodingKey]
    private let values: [String: Node]
    private let line: Int?
    let allKeys: [Key]

    init(mapping: Node.Mapping, codingPath: [any CodingKey]) throws {
        self.codingPath = codingPath
        self.line = mapping.mark?.line
        var values: [String: Node] = [:]
        var keys: [Key] = []
        values.reserveCapacity(mapping.count)
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw FieldError(reason: .wrongType, field: FieldPath.render(codingPath),
                                  message: "field names must be strings", line: keyNode.mark?.line)
            }
            let name = keyScalar.string
            let path = FieldPath.render(codingPath + [DynamicKey(stringValue: name)])
            guard let key = Key(stringValue: name) else {
                throw FieldError(reason: .unknownField, field: path,
                                  message: "unknown field \"\(name)\"", line: keyNode.mark?.line)
            }
            guard values.updateValue(value, forKey: name) == nil else {
                throw FieldError(reason: .duplicate, field: path,
                                  message: "duplicate field \"\(name)\"", line: keyNode.mark?.line)
            }
            keys.append(key)
        }
        self.values = values
        self.allKeys = keys
    }

    func contains(_ key: Key) -> Bool { values[key.stringValue] != nil }

    private func decoder(for key: Key) throws -> StrictNodeDecoder {
        guard let node = values[key.stringValue] else {
            throw FieldError(reason: .required, field: FieldPath.render(codingPath + [key]),
                              message: "required field \"\(key.stringValue)\" is missing", line: line)
        }
        return StrictNodeDecoder(node: node, codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try decoder(for: key).decodeNil()
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder(for: key).decode(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let node = values[key.stringValue] else { return nil }
        let decoder = StrictNodeDecoder(node: node, codingPath: codingPath + [key])
        if decoder.decodeNil() { return nil }
        return try decoder.decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "super decoding is not supported"))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(for: key) }
}

struct StrictUnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [Node]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(elements: [Node], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> StrictNodeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "list is shorter than expected"))
        }
        defer { currentIndex += 1 }
        return StrictNodeDecoder(node: elements[currentIndex], codingPath: codingPath + [DynamicKey(intValue: currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if StrictNodeDecoder(node: elements[currentIndex], codingPath: codingPath).decodeNil() {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}
