import Foundation

/// Wall-clock arithmetic in one IANA time zone, from the system's tzdata (Foundation `TimeZone`).
public struct ZoneClock: Sendable, Hashable {
    let zone: TimeZone
    /// The zone's IANA name.
    public var identifier: String { zone.identifier }

    /// The zone named `identifier` (`Europe/Berlin`, `UTC`), or nil when the system does not know it.
    ///
    /// Only names in the system's list are accepted, so a hostile name never becomes a file path.
    public init?(identifier: String) {
        guard identifier.utf8.count <= 64, Self.known.contains(identifier), let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone
    }

    /// UTC.
    public static let utc = ZoneClock(zone: TimeZone(identifier: "UTC")!)

    private init(zone: TimeZone) { self.zone = zone }

    private static let known: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC", "GMT"])

    /// Seconds the zone's wall clock is ahead of UTC at the instant `seconds` (since the epoch).
    func offset(at seconds: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }

    /// The wall clock at an instant, as seconds since 1970-01-01T00:00 wall time.
    func wall(at seconds: Int64) -> Int64 { seconds + offset(at: seconds) }

    /// The instant a wall time occurs: the first one when the wall time repeats (autumn), and the first instant
    /// after the gap when it does not exist (spring).
    func instant(wall target: Int64) -> Int64 {
        let before = offset(at: target - 86_400)
        let after = offset(at: target + 86_400)
        let early = target - max(before, after)
        let late = target - min(before, after)
        if wall(at: early) == target { return early }
        if wall(at: late) == target { return late }
        // In a gap: find the transition between the two, the first instant with the later offset.
        var low = early
        var high = late
        let lowOffset = offset(at: low)
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: middle) == lowOffset { low = middle } else { high = middle }
        }
        return high
    }
}
