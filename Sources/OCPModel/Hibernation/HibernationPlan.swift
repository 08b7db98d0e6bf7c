/// The desired power state of a cluster at a time, from `spec.powerState`, its schedules (or its profile's) and an
/// override, and when it next changes. Pure: the same spec, profile and time give the same answer.
///
/// An override holds until its time. Otherwise `spec.powerState: Hibernating` hibernates; with `Running`, the latest
/// schedule event at or before the time decides (a `start` hibernates, an `end` resumes; at the same minute the
/// `end` wins); with no event, the cluster runs.
public struct HibernationPlan: Sendable, Hashable {
    /// The desired power state now.
    public let desired: PowerState
    /// The next change of the desired power state; nil when none is scheduled.
    public let next: PowerTransition?

    /// How many schedule events `next` looks past for one that changes the state.
    static let eventLimit = 64

    /// The plan for `spec` under `profile` at `now`.
    public init(spec: ClusterSpec, profile: Profile?, now: Timestamp) {
        let rules = Rules(spec: spec, profile: profile)
        let time = now.secondsSinceEpoch
        desired = rules.desired(at: time)
        var next: PowerTransition?
        var cursor = time
        for _ in 0..<Self.eventLimit {
            guard let event = rules.nextEvent(after: cursor) else { break }
            let state = rules.desired(at: event)
            if state != desired {
                next = PowerTransition(powerState: state, at: Timestamp(secondsSinceEpoch: event))
                break
            }
            cursor = event
        }
        self.next = next
    }
}

/// The parsed schedules and override of one spec.
private struct Rules {
    struct Parsed {
        let start: CronExpression?
        let end: CronExpression?
        let zone: ZoneClock
    }

    let pinned: Bool
    let override: HibernationOverride?
    let schedules: [Parsed]

    init(spec: ClusterSpec, profile: Profile?) {
        pinned = spec.powerState == .hibernating
        override = spec.hibernation?.override
        let source = spec.hibernation?.schedules ?? profile?.hibernation?.schedules ?? []
        // Invalid schedules are refused at admission and by the planner's policy check; here they are skipped.
        schedules = source.compactMap { schedule in
            guard let zone = schedule.location.map({ ZoneClock(identifier: $0) }) ?? .utc else { return nil }
            return Parsed(start: schedule.start.flatMap { try? CronExpression(parsing: $0) },
                          end: schedule.end.flatMap { try? CronExpression(parsing: $0) }, zone: zone)
        }
    }

    func desired(at time: Int64) -> PowerState {
        if let override, time < override.until.secondsSinceEpoch { return override.powerState }
        if pinned { return .hibernating }
        var latestStart: Int64?
        var latestEnd: Int64?
        for schedule in schedules {
            if let fired = schedule.start?.previous(atOrBefore: time, in: schedule.zone) { latestStart = max(latestStart ?? fired, fired) }
            if let fired = schedule.end?.previous(atOrBefore: time, in: schedule.zone) { latestEnd = max(latestEnd ?? fired, fired) }
        }
        guard let latestStart else { return .running }
        return latestStart > (latestEnd ?? Int64.min) ? .hibernating : .running
    }

    /// The first moment after `time` at which the desired state may change: a schedule event or the override's end.
    func nextEvent(after time: Int64) -> Int64? {
        var earliest: Int64?
        func consider(_ candidate: Int64?) {
            guard let candidate else { return }
            earliest = min(earliest ?? candidate, candidate)
        }
        if let until = override?.until.secondsSinceEpoch, until > time { consider(until) }
        if pinned { return earliest }
        for schedule in schedules {
            consider(schedule.start?.next(after: time, in: schedule.zone))
            consider(schedule.end?.next(after: time, in: schedule.zone))
        }
        return earliest
    }
}
