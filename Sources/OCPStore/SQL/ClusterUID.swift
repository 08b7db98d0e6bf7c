/// Cluster uids are RFC 9562 version-7 UUIDs: 48 bits of Unix milliseconds, then random bits. Rows keyed by
/// them arrive in key order, so a create appends to the last page of the `clusters` B-tree instead of
/// dirtying a random one; that is a fifth of a SQLite create's cost once the table is large.
enum ClusterUID {
    /// `millisecondsSinceEpoch` is the creation time; the uid only has to sort by it, not be exact.
    static func make(millisecondsSinceEpoch: UInt64) -> String {
        // Two 64-bit draws rather than Foundation's UUID(), which opens /dev/urandom on every call on Linux.
        var generator = SystemRandomNumberGenerator()
        let high = (millisecondsSinceEpoch << 16) | 0x7000 | (generator.next() & 0x0FFF) // time, version 7, 12 random bits
        let low = (generator.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000 // RFC 9562 variant, 62 random bits
        return format(high, low)
    }

    /// The 8-4-4-4-12 lower-case hex form.
    static func format(_ high: UInt64, _ low: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for (index, shift) in stride(from: 124, through: 0, by: -4).enumerated() {
            if [8, 12, 16, 20].contains(index) { bytes.append(UInt8(ascii: "-")) }
            let word = shift >= 64 ? high >> (shift - 64) : low >> shift
            bytes.append(digits[Int(word & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
