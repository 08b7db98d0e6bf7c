extension CronExpression {
    /// How far `next` looks ahead: eight years, so even a 29 February on a given weekday is found.
    public static let searchDays: Int64 = 8 * 366

    /// The first instant after `after` (seconds since the epoch) at which the expression fires in `clock`'s zone,
    /// or nil when it never fires. A wall time skipped in spring fires at the first minute after the gap; a wall time
    /// repeated in autumn fires once, at its first occurrence.
    public func next(after: Int64, in clock: ZoneClock, searchDays: Int64 = CronExpression.searchDays) -> Int64? {
        let wallNow = clock.wall(at: after)
        let firstDay = floorDiv(wallNow, 86_400) - 1
        let hourList = Self.values(hours)
        let minuteList = Self.values(minutes)
        for day in firstDay...(firstDay + searchDays) where matches(day: day) {
            for hour in hourList {
                for minute in minuteList {
                    let wall = day * 86_400 + Int64(hour * 3600 + minute * 60)
                    if wall < wallNow - 3 * 3600 { continue }
                    let instant = clock.instant(wall: wall)
                    if instant > after { return instant }
                }
            }
        }
        return nil
    }

    /// The last instant at or before `atOrBefore` at which the expression fired, looking back `searchDays` days.
    public func previous(atOrBefore: Int64, in clock: ZoneClock, searchDays: Int64 = 400) -> Int64? {
        let wallNow = clock.wall(at: atOrBefore)
        let lastDay = floorDiv(wallNow, 86_400) + 1
        let hourList = Self.values(hours).reversed()
        let minuteList = Self.values(minutes).reversed()
        for day in stride(from: lastDay, through: lastDay - searchDays, by: -1) where matches(day: day) {
            for hour in hourList {
                for minute in minuteList {
                    let wall = day * 86_400 + Int64(hour * 3600 + minute * 60)
                    if wall > wallNow + 3 * 3600 { continue }
                    let instant = clock.instant(wall: wall)
                    if instant <= atOrBefore { return instant }
                }
            }
        }
        return nil
    }

    /// True when the civil day `day` (days since 1970-01-01) is one the expression fires on.
    func matches(day: Int64) -> Bool {
        let (_, month, dayOfMonth) = Timestamp.civilFromDays(day)
        let weekday = Int(((day % 7) + 11) % 7) // 1970-01-01 was a Thursday (4).
        return matches(month: Int(month), day: Int(dayOfMonth), weekday: weekday)
    }
}

/// Division rounding toward negative infinity.
func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
}
