/// Reads the time an override lasts until, as `ocpctl hibernate --until` takes it.
public enum OverrideTime {
    /// `HH:MM` (the next such wall time in `zone`, after `now`), an RFC 3339 time, or a duration from now (`90m`, `3h`, `2d`).
    public static func parse(_ text: String, now: Timestamp, zone: ZoneClock) throws(FieldError) -> Timestamp {
        let field = "--until"
        if let time = Timestamp(rfc3339: text) {
            guard time > now else { throw FieldError(reason: .invalid, field: field, message: "\(text) is not in the future") }
            return time
        }
        if let duration = TTLDuration(text) {
            guard duration.seconds > 0 else { throw FieldError(reason: .invalid, field: field, message: "must be longer than zero") }
            return now.adding(seconds: duration.seconds)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else {
            throw FieldError(reason: .invalid, field: field,
                             message: "\"\(text.prefix(64))\" must be HH:MM (local time), an RFC 3339 time or a duration such as 3h")
        }
        // The next time the wall clock shows HH:MM, as the schedule evaluator finds a cron time.
        guard let cron = try? CronExpression(parsing: "\(minute) \(hour) * * *"), let next = cron.next(after: now.secondsSinceEpoch, in: zone) else {
            throw FieldError(reason: .invalid, field: field, message: "\(text) never comes in \(zone.identifier)")
        }
        return Timestamp(secondsSinceEpoch: next)
    }
}
