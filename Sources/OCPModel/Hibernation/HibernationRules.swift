/// Validation of hibernation schedules and overrides, with the field and the rule of each problem.
public enum HibernationRules {
    /// At most this many schedules per cluster or profile.
    public static let maxSchedules = 16

    /// Errors in a cluster's `spec.hibernation`.
    public static func validate(_ spec: HibernationSpec?, field: String = "spec.hibernation") -> [FieldError] {
        guard let spec else { return [] }
        var errors = validate(schedules: spec.schedules, field: "\(field).schedules")
        if let override = spec.override, !override.powerState.isValid {
            errors.append(FieldError(reason: .notSupported, field: "\(field).override.powerState",
                                     message: "unsupported value \"\(override.powerState)\": must be one of Running, Hibernating"))
        }
        return errors
    }

    /// Errors in a list of schedules at `field` (`spec.hibernation.schedules`, or a profile's `hibernation.schedules`).
    public static func validate(schedules: [HibernationSchedule]?, field: String) -> [FieldError] {
        guard let schedules else { return [] }
        if schedules.count > maxSchedules {
            return [FieldError(reason: .tooLong, field: field, message: "must have at most \(maxSchedules) schedules, got \(schedules.count)")]
        }
        var errors: [FieldError] = []
        for (index, schedule) in schedules.enumerated() {
            let path = "\(field)[\(index)]"
            if schedule.start == nil && schedule.end == nil {
                errors.append(FieldError(reason: .required, field: path, message: "must set start, end or both"))
            }
            var zone: ZoneClock? = .utc
            if let location = schedule.location {
                zone = ZoneClock(identifier: location)
                if zone == nil {
                    errors.append(FieldError(reason: .notSupported, field: "\(path).location",
                                             message: "unknown time zone \"\(location.prefix(64))\": must be an IANA name such as Europe/Berlin or UTC"))
                }
            }
            for (name, text) in [("start", schedule.start), ("end", schedule.end)] {
                guard let text else { continue }
                do {
                    let cron = try CronExpression(parsing: text)
                    if let zone, cron.next(after: 0, in: zone) == nil {
                        errors.append(FieldError(reason: .invalid, field: "\(path).\(name)", message: "\"\(cron)\" never fires"))
                    }
                } catch {
                    errors.append(FieldError(reason: .invalid, field: "\(path).\(name)",
                                             message: "invalid cron expression: \(error.message)"))
                }
            }
        }
        return errors
    }
}
