import Foundation
import Synchronization

/// The API's recent answers as the console decoded them. The API answers a list the console asked before with the
/// same bytes while nothing changed, and equal bytes decode to an equal value: reusing the value spares decoding
/// every cluster again on each page view, which was most of an inventory's time.
final class DecodedAnswers: Sendable {
    private struct Entry: Sendable {
        let body: [UInt8]
        /// The value decoded from `body`, of the type named in its key.
        let value: any Sendable
    }

    /// Past this many answers the cache starts over rather than growing.
    static let capacity = 64
    private let entries = Mutex<[String: Entry]>([:])

    /// `body` as a `T`: the value decoded before when `key` last held the same bytes, else decoded now.
    func value<T: Decodable & Sendable>(_ type: T.Type, key: String, body: [UInt8]) throws -> T {
        let key = "\(T.self)\u{0}" + key
        if let entry = entries.withLock({ $0[key] }), entry.body == body, let value = entry.value as? T {
            return value
        }
        let value = try JSONDecoder().decode(T.self, from: Data(body))
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(body: body, value: value)
        }
        return value
    }
}
