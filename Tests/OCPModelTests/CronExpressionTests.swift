import Foundation
import OCPModel
import Testing

@Suite("Cron expressions")
struct CronExpressionTests {
    static let berlin = ZoneClock(identifier: "Europe/Berlin")!

    static func at(_ text: String) -> Int64 { Timestamp(rfc3339: text)!.secondsSinceEpoch }
    static func text(_ seconds: Int64?) -> String? { seconds.map { Timestamp(secondsSinceEpoch: $0).rfc3339 } }

    @Test("fields accept lists, ranges, steps, names and *")
    func parsing() throws {
        let cron = try CronExpression(parsing: "*/15 9-17/4 1,15 jan-MAR mon-fri")
        #expect(cron.minutes == (1 << 0 | 1 << 15 | 1 << 30 | 1 << 45))
        #expect(cron.hours == (1 << 9 | 1 << 13 | 1 << 17))
        #expect(cron.daysOfMonth == (1 << 1 | 1 << 15))
        #expect(cron.months == (1 << 1 | 1 << 2 | 1 << 3))
        #expect(cron.daysOfWeek == 0b0111110)
        #expect(try CronExpression(parsing: "0 0 * * 7").daysOfWeek == 1)
        #expect(try CronExpression(parsing: "5/20 * * * *").minutes == (1 << 5 | 1 << 25 | 1 << 45))
        #expect(try CronExpression(parsing: "0  19 * *\t1-5").description == "0 19 * * 1-5")
    }

    @Test("a broken expression is refused with the field and the rule", arguments: [
        ("0 19 * *", "must have 5 fields (minute hour day-of-month month day-of-week), got 4"),
        ("60 * * * *", "minute field: 60 is out of range 0-59"),
        ("* 24 * * *", "hour field: 24 is out of range 0-23"),
        ("* * 0 * *", "day-of-month field: 0 is out of range 1-31"),
        ("* * * 13 *", "month field: 13 is out of range 1-12"),
        ("* * * * 8", "day-of-week field: 8 is out of range 0-7"),
        ("5-1 * * * *", "minute field: range \"5-1\" runs backwards"),
        ("*/0 * * * *", "minute field: step \"0\" must be a number from 1 to 60"),
        ("1/2/3 * * * *", "minute field: \"1/2/3\" has more than one step"),
        ("x * * * *", "minute field: \"x\" is not a number"),
        ("* * * FOO *", "month field: \"FOO\" is not a number or a name (JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC)"),
        ("1,,2 * * * *", "minute field: empty list item in \"\""),
        ("-1 * * * *", "minute field: \"\" is not a number"),
        ("@daily", "must have 5 fields (minute hour day-of-month month day-of-week), got 1"),
        (String(repeating: "1", count: 201), "must be at most 200 characters"),
    ])
    func refused(text: String, message: String) {
        #expect(throws: CronSyntaxError.self) { try CronExpression(parsing: text) }
        do {
            _ = try CronExpression(parsing: text)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test("next and previous in UTC, with crontab's either-day rule")
    func utc() throws {
        let weekdays = try CronExpression(parsing: "0 19 * * 1-5")
        // 2026-11-27 is a Friday.
        #expect(Self.text(weekdays.next(after: Self.at("2026-11-27T19:00:00Z"), in: .utc)) == "2026-11-30T19:00:00Z")
        #expect(Self.text(weekdays.previous(atOrBefore: Self.at("2026-11-29T12:00:00Z"), in: .utc)) == "2026-11-27T19:00:00Z")
        #expect(Self.text(weekdays.previous(atOrBefore: Self.at("2026-11-27T19:00:00Z"), in: .utc)) == "2026-11-27T19:00:00Z")
        // Day 13 or any Friday, not only Friday the 13th.
        let either = try CronExpression(parsing: "0 0 13 * 5")
        #expect(Self.text(either.next(after: Self.at("2026-11-01T00:00:00Z"), in: .utc)) == "2026-11-06T00:00:00Z")
        #expect(Self.text(either.next(after: Self.at("2026-11-07T00:00:00Z"), in: .utc)) == "2026-11-13T00:00:00Z")
        #expect(try CronExpression(parsing: "0 0 30 2 *").next(after: 0, in: .utc) == nil)
        #expect(Self.text(try CronExpression(parsing: "0 0 29 2 *").next(after: Self.at("2026-03-01T00:00:00Z"), in: .utc)) == "2028-02-29T00:00:00Z")
    }

    @Test("spring forward: a skipped wall time fires at the first minute after the gap, once")
    func springGap() throws {
        // Europe/Berlin jumps from 02:00 CET to 03:00 CEST on 2027-03-28 (01:00 UTC).
        let half = try CronExpression(parsing: "30 2 * * *")
        let saturday = Self.at("2027-03-27T12:00:00Z")
        #expect(Self.text(half.next(after: saturday, in: Self.berlin)) == "2027-03-28T01:00:00Z")
        #expect(Self.text(half.next(after: Self.at("2027-03-28T01:00:00Z"), in: Self.berlin)) == "2027-03-29T00:30:00Z")
        #expect(Self.text(half.previous(atOrBefore: Self.at("2027-03-28T12:00:00Z"), in: Self.berlin)) == "2027-03-28T01:00:00Z")
        // Several skipped times and 03:00 itself fire once, at 03:00 CEST.
        let quarter = try CronExpression(parsing: "*/30 2-3 * * *")
        var fires: [String] = []
        var cursor = Self.at("2027-03-28T00:00:00Z")
        for _ in 0..<3 {
            cursor = try #require(quarter.next(after: cursor, in: Self.berlin))
            fires.append(Timestamp(secondsSinceEpoch: cursor).rfc3339)
        }
        #expect(fires == ["2027-03-28T01:00:00Z", "2027-03-28T01:30:00Z", "2027-03-29T00:00:00Z"])
    }

    @Test("fall back: a repeated wall time fires once, at its first occurrence")
    func autumnRepeat() throws {
        // Europe/Berlin goes from 03:00 CEST back to 02:00 CET on 2026-10-25 (01:00 UTC).
        let half = try CronExpression(parsing: "30 2 * * *")
        #expect(Self.text(half.next(after: Self.at("2026-10-24T12:00:00Z"), in: Self.berlin)) == "2026-10-25T00:30:00Z")
        #expect(Self.text(half.next(after: Self.at("2026-10-25T00:30:00Z"), in: Self.berlin)) == "2026-10-26T01:30:00Z")
        #expect(Self.text(half.previous(atOrBefore: Self.at("2026-10-25T01:45:00Z"), in: Self.berlin)) == "2026-10-25T00:30:00Z")
    }

    static let expressions = ["0 19 * * 1-5", "0 8 * * 1-5", "*/20 1-3 * * *", "30 2 * * 0", "15 */2 1,15 * *", "0 0 * 3,10 SUN",
                              "45 1 25-31 3 *", "0,30 * 28 10 *"]
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"]

    @Test("next and previous agree with a minute-by-minute scan across DST changes", arguments: zones)
    func againstScan(zoneName: String) throws {
        let zone = try #require(ZoneClock(identifier: zoneName))
        let scan = MinuteScan(zone: try #require(TimeZone(identifier: zoneName)))
        let starts = ["2026-10-23T00:00:00Z", "2027-03-26T00:00:00Z", "2026-03-27T00:00:00Z", "2026-04-03T00:00:00Z", "2026-10-30T12:00:00Z"]
        for text in Self.expressions {
            let cron = try CronExpression(parsing: text)
            for start in starts.map(Self.at) {
                let expected = scan.fires(cron, from: start, minutes: 4 * 1440)
                var found: [Int64] = []
                var cursor = start
                while let next = cron.next(after: cursor, in: zone), next <= start + 4 * 86_400 {
                    found.append(next)
                    cursor = next
                }
                #expect(found.map { Timestamp(secondsSinceEpoch: $0) } == expected.map { Timestamp(secondsSinceEpoch: $0) }, "\(text) in \(zoneName) from \(Self.text(start)!)")
                for fire in expected {
                    #expect(cron.previous(atOrBefore: fire + 59, in: zone) == fire, "\(text) in \(zoneName) back from \(Self.text(fire)!)")
                }
            }
        }
    }
}

/// The reference: steps through every minute, reading the wall clock with Foundation's Calendar.
struct MinuteScan {
    let zone: TimeZone

    /// Fire instants in (start, start + minutes]: a minute fires when its wall time matches and is seen for the first
    /// time, or when it ends a gap that skipped a matching wall time.
    func fires(_ cron: CronExpression, from start: Int64, minutes: Int) -> [Int64] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var seen = Set<DateComponents>()
        var result: [Int64] = []
        func wall(_ seconds: Int64) -> DateComponents {
            calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: Date(timeIntervalSince1970: Double(seconds)))
        }
        func matches(_ parts: DateComponents) -> Bool {
            let bit = { (mask: UInt64, value: Int?) in mask & (1 << UInt64(value!)) != 0 }
            guard bit(cron.minutes, parts.minute), bit(cron.hours, parts.hour), bit(cron.months, parts.month) else { return false }
            let day = bit(cron.daysOfMonth, parts.day), weekday = bit(cron.daysOfWeek, parts.weekday! - 1)
            let fields = cron.description.split(separator: " ")
            return fields[2].hasPrefix("*") || fields[4].hasPrefix("*") ? day && weekday : day || weekday
        }
        // Wall times of the hours before the start count as seen, so a repeat just after the start is recognised.
        for minute in stride(from: start - 3 * 3600, through: start, by: 60) { seen.insert(wall(minute)) }
        for minute in stride(from: start + 60, through: start + Int64(minutes) * 60, by: 60) {
            let parts = wall(minute)
            let first = seen.insert(parts).inserted
            var fires = first && matches(parts)
            // A jump forward: the skipped wall minutes fire here.
            let gap = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(minute))))
                - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(minute - 60))))
            if gap > 0 {
                fires = fires || skippedMatch(before: minute, gap: gap, matches: matches)
            }
            if fires { result.append(minute) }
        }
        return result
    }

    /// True when a wall minute skipped by the gap ending at `minute` matches: those are the minutes after the wall
    /// time one minute before the gap, in the old offset.
    private func skippedMatch(before minute: Int64, gap: Int64, matches: (DateComponents) -> Bool) -> Bool {
        let oldOffset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(minute - 60))))
        // Wall seconds of the skipped minutes, read in UTC so they need no zone.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        for wallSeconds in stride(from: minute + oldOffset, to: minute + oldOffset + gap, by: 60) {
            let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: Date(timeIntervalSince1970: Double(wallSeconds)))
            if matches(parts) { return true }
        }
        return false
    }
}
