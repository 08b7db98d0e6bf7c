import Foundation

/// Cluster uids are RFC 9562 version-7 UUIDs: 48 bits of Unix milliseconds, then random bits. Rows keyed by
/// them arrive in key order, so a create appends to the last page of the `clusters` B-tree instead of
/// dirtying a random one; that is a fifth of a SQLite create's cost once the table is large.
enum ClusterUID {
    static func make(millisecondsSinceEpoch: UInt64 = UInt64(Date().timeIntervalSince1970 * 1000)) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millisecondsSinceEpoch >> (8 * (5 - index))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F) // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F) // RFC 9562 variant
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return uuid.uuidString.lowercased()
    }
}
