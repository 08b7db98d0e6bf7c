/// A five-field cron expression (`minute hour day-of-month month day-of-week`), as crontab(5) and Kubernetes CronJobs
/// write it: `*`, numbers, names (`JAN`, `MON`), ranges `a-b`, steps `*/n` and `a-b/n`, and lists `a,b`.
///
/// As in crontab, a day matches when both day fields are `*`, or either restricted one matches.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// Minutes 0–59, one bit each.
    public let minutes: UInt64
    /// Hours 0–23.
    public let hours: UInt64
    /// Days of the month 1–31.
    public let daysOfMonth: UInt64
    /// Months 1–12.
    public let months: UInt64
    /// Days of the week 0–6, Sunday 0 (7 is read as Sunday too).
    public let daysOfWeek: UInt64
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool
    /// The text it was parsed from.
    public let description: String

    /// The longest expression accepted: anything longer is refused before it is read.
    public static let maxLength = 200

    /// Parses `text`; throws a `CronSyntaxError` naming the field and the rule it breaks.
    public init(parsing text: String) throws(CronSyntaxError) {
        guard text.utf8.count <= Self.maxLength else {
            throw CronSyntaxError("must be at most \(Self.maxLength) characters")
        }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw CronSyntaxError("must have 5 fields (minute hour day-of-month month day-of-week), got \(fields.count)")
        }
        minutes = try CronField.minute.parse(fields[0])
        hours = try CronField.hour.parse(fields[1])
        daysOfMonth = try CronField.dayOfMonth.parse(fields[2])
        months = try CronField.month.parse(fields[3])
        var weekdays = try CronField.dayOfWeek.parse(fields[4])
        if weekdays & (1 << 7) != 0 { weekdays = (weekdays | 1) & ~(1 << 7) }
        daysOfWeek = weekdays
        dayOfMonthRestricted = !fields[2].hasPrefix("*")
        dayOfWeekRestricted = !fields[4].hasPrefix("*")
        description = fields.joined(separator: " ")
    }

    /// True when the civil date (month 1–12, day 1–31, weekday 0–6 from Sunday) is one this expression fires on.
    func matches(month: Int, day: Int, weekday: Int) -> Bool {
        guard months & (1 << UInt64(month)) != 0 else { return false }
        let dayOK = daysOfMonth & (1 << UInt64(day)) != 0
        let weekdayOK = daysOfWeek & (1 << UInt64(weekday)) != 0
        if dayOfMonthRestricted && dayOfWeekRestricted { return dayOK || weekdayOK }
        return dayOK && weekdayOK
    }

    /// The set bits of a mask, ascending.
    static func values(_ mask: UInt64) -> [Int] {
        (0..<64).filter { mask & (1 << UInt64($0)) != 0 }
    }
}

/// Why a cron expression was refused.
public struct CronSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule broken, naming the cron field when one is at fault.
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One of the five fields: its name, range and value names.
struct CronField {
    let name: String
    let range: ClosedRange<Int>
    let names: [String]
    let firstNamed: Int

    static let minute = CronField(name: "minute", range: 0...59, names: [], firstNamed: 0)
    static let hour = CronField(name: "hour", range: 0...23, names: [], firstNamed: 0)
    static let dayOfMonth = CronField(name: "day-of-month", range: 1...31, names: [], firstNamed: 1)
    static let month = CronField(name: "month", range: 1...12,
                                 names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], firstNamed: 1)
    static let dayOfWeek = CronField(name: "day-of-week", range: 0...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], firstNamed: 0)

    /// The field's values as a bit mask.
    func parse(_ text: String) throws(CronSyntaxError) -> UInt64 {
        var mask: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            mask |= try parseItem(String(item))
        }
        return mask
    }

    private func parseItem(_ item: String) throws(CronSyntaxError) -> UInt64 {
        guard !item.isEmpty else { throw fail("empty list item in \"\(item)\"") }
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw fail("\"\(item)\" has more than one step") }
        var step = 1
        if parts.count == 2 {
            guard let value = Int(parts[1]), value >= 1, value <= range.upperBound + 1 else {
                throw fail("step \"\(parts[1])\" must be a number from 1 to \(range.upperBound + 1)")
            }
            step = value
        }
        let base = String(parts[0])
        var low: Int
        var high: Int
        if base == "*" {
            (low, high) = (range.lowerBound, range == 0...7 ? 6 : range.upperBound)
        } else if let dash = base.firstIndex(of: "-") {
            low = try value(String(base[..<dash]))
            high = try value(String(base[base.index(after: dash)...]))
            guard low <= high else { throw fail("range \"\(base)\" runs backwards") }
        } else {
            low = try value(base)
            // `5/15` means from 5 to the end in steps of 15, as in Vixie cron.
            high = parts.count == 2 ? range.upperBound : low
        }
        var mask: UInt64 = 0
        for value in stride(from: low, through: high, by: step) { mask |= 1 << UInt64(value) }
        return mask
    }

    private func value(_ text: String) throws(CronSyntaxError) -> Int {
        if let index = names.firstIndex(of: text.uppercased()) { return index + firstNamed }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), text.utf8.count <= 3,
              let number = Int(text) else {
            let named = names.isEmpty ? "" : " or a name (\(names.joined(separator: ", ")))"
            throw fail("\"\(text)\" is not a number\(named)")
        }
        guard range.contains(number) else { throw fail("\(number) is out of range \(range.lowerBound)-\(range.upperBound)") }
        return number
    }

    private func fail(_ message: String) -> CronSyntaxError {
        CronSyntaxError("\(name) field: \(message)")
    }
}
