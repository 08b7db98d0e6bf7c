import Foundation
import OCPModel

/// The one JSON encoding of events: sorted keys, so equal events are equal bytes (and signatures are reproducible).
enum EventJSON {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}
