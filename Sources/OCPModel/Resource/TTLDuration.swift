/// A time-to-live such as `90m`, `24h`, `7d` or `1h30m`; units are `s`, `m`, `h` and `d`.
///
/// The text a user wrote is kept and written back unchanged; equality compares the length only,
/// so `24h` and `1d` are the same TTL.
public struct TTLDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Length in seconds.
    public let seconds: Int64
    /// The text form, as written or as `hours(_:)` made it.
    public let text: String

    /// Parses a duration, or returns nil when the text is not one.
    public init?(_ text: String) {
        var total: Int64 = 0
        var current: Int64 = 0
        var sawDigit = false
        var sawUnit = false
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let (times, overflow1) = current.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { return nil }
                current = next
                sawDigit = true
                continue
            }
            let unit: Int64
            switch byte {
            case UInt8(ascii: "s"): unit = 1
            case UInt8(ascii: "m"): unit = 60
            case UInt8(ascii: "h"): unit = 3600
            case UInt8(ascii: "d"): unit = 86_400
            default: return nil
            }
            guard sawDigit else { return nil }
            let (part, overflow1) = current.multipliedReportingOverflow(by: unit)
            let (sum, overflow2) = total.addingReportingOverflow(part)
            guard !overflow1, !overflow2 else { return nil }
            total = sum
            current = 0
            sawDigit = false
            sawUnit = true
        }
        guard sawUnit, !sawDigit else { return nil }
        self.seconds = total
        self.text = text
    }

    /// A duration of whole hours, written `Nh`.
    public static func hours(_ hours: Int) -> TTLDuration {
        TTLDuration(seconds: Int64(hours) * 3600, text: "\(hours)h")
    }

    /// A duration of whole seconds, written in the largest unit that divides it exactly.
    public init(seconds: Int64) {
        if seconds > 0, seconds % 3600 == 0 {
            self.init(seconds: seconds, text: "\(seconds / 3600)h")
        } else if seconds > 0, seconds % 60 == 0 {
            self.init(seconds: seconds, text: "\(seconds / 60)m")
        } else {
            self.init(seconds: seconds, text: "\(seconds)s")
        }
    }

    private init(seconds: Int64, text: String) {
        self.seconds = seconds
        self.text = text
    }

    public var description: String { text }

    public static func == (lhs: TTLDuration, rhs: TTLDuration) -> Bool { lhs.seconds == rhs.seconds }
    public func hash(into hasher: inout Hasher) { hasher.combine(seconds) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = TTLDuration(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "invalid duration \"\(text)\": use a number and a unit s, m, h or d, e.g. 90m, 24h, 7d")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
