/// Reads the one protobuf body ocpctl accepts: a SelfSubjectAccessReview as kubectl sends it
/// (`application/vnd.kubernetes.protobuf`, the `k8s\0` magic and a `runtime.Unknown` envelope), with field numbers
/// from k8s.io/api's generated.proto. Only the spec's attributes are read; everything else is skipped.
enum ProtobufReview {
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// The review in `body`, or nil when it is not a well-formed envelope.
    static func decode(_ body: [UInt8]) -> SelfSubjectAccessReview? {
        guard body.starts(with: magic) else { return nil }
        // runtime.Unknown: 2 = raw (the object's own bytes).
        guard let unknown = fields(body[4...]), let raw = unknown[2]?.first,
              // SelfSubjectAccessReview: 2 = spec.
              let spec = fields(raw)?[2]?.first.flatMap(fields) else { return nil }
        var review = SelfSubjectAccessReview(spec: .init())
        // Spec: 1 = resourceAttributes, 2 = nonResourceAttributes.
        if let attributes = spec[1]?.first.flatMap(fields) {
            func text(_ number: Int) -> String? { attributes[number]?.first.map { String(decoding: $0, as: UTF8.self) } }
            review.spec.resourceAttributes = .init(namespace: text(1), verb: text(2), group: text(3), version: text(4), resource: text(5),
                                                   subresource: text(6), name: text(7))
        }
        if let attributes = spec[2]?.first.flatMap(fields) {
            func text(_ number: Int) -> String? { attributes[number]?.first.map { String(decoding: $0, as: UTF8.self) } }
            review.spec.nonResourceAttributes = .init(path: text(1), verb: text(2))
        }
        return review
    }

    /// The length-delimited fields of one message by number; varint and fixed fields are skipped. Nil when malformed.
    static func fields(_ bytes: ArraySlice<UInt8>) -> [Int: [ArraySlice<UInt8>]]? {
        var result: [Int: [ArraySlice<UInt8>]] = [:]
        var index = bytes.startIndex
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.endIndex, shift < 64 {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        while index < bytes.endIndex {
            guard let key = varint() else { return nil }
            switch key & 7 {
            case 0: guard varint() != nil else { return nil }
            case 1: index += 8
            case 5: index += 4
            case 2:
                guard let length = varint(), length <= UInt64(bytes.endIndex - index) else { return nil }
                let end = index + Int(length)
                result[Int(key >> 3), default: []].append(bytes[index..<end])
                index = end
            default: return nil
            }
            guard index <= bytes.endIndex else { return nil }
        }
        return result
    }
}
