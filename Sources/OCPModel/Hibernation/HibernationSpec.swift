/// When a cluster sleeps: schedules in the form Gardener's users know, and an owner's override.
public struct HibernationSpec: Sendable, Hashable, Codable {
    /// Hibernate at each `start`, resume at each `end`; nil takes the profile's schedules, `[]` turns them off.
    public var schedules: [HibernationSchedule]?
    /// A power state that holds until a time, whatever the schedules say.
    public var override: HibernationOverride?

    /// Creates a hibernation spec.
    public init(schedules: [HibernationSchedule]? = nil, override: HibernationOverride? = nil) {
        self.schedules = schedules
        self.override = override
    }

    enum CodingKeys: String, CodingKey { case schedules, override }
}

/// One schedule: cron expressions in a time zone.
public struct HibernationSchedule: Sendable, Hashable, Codable {
    /// When to hibernate, as a five-field cron expression (`0 19 * * 1-5`).
    public var start: String?
    /// When to resume, as a five-field cron expression (`0 8 * * 1-5`).
    public var end: String?
    /// The IANA time zone the expressions are read in (`Europe/Berlin`); UTC when unset.
    public var location: String?

    /// Creates a schedule.
    public init(start: String? = nil, end: String? = nil, location: String? = nil) {
        self.start = start
        self.end = end
        self.location = location
    }

    enum CodingKeys: String, CodingKey { case start, end, location }
}

/// A power state an owner asked for until a time.
public struct HibernationOverride: Sendable, Hashable, Codable {
    /// `Running` or `Hibernating`.
    public var powerState: PowerState
    /// When the schedules take over again.
    public var until: Timestamp

    /// Creates an override.
    public init(powerState: PowerState, until: Timestamp) {
        self.powerState = powerState
        self.until = until
    }

    enum CodingKeys: String, CodingKey { case powerState, until }
}

/// What status reports about hibernation.
public struct HibernationStatus: Sendable, Hashable, Codable {
    /// The next time the desired power state changes, and to what; nil when nothing is scheduled.
    public var nextTransition: PowerTransition?

    /// Creates a hibernation status.
    public init(nextTransition: PowerTransition? = nil) {
        self.nextTransition = nextTransition
    }

    enum CodingKeys: String, CodingKey { case nextTransition }
}

/// A change of desired power state at a time.
public struct PowerTransition: Sendable, Hashable, Codable {
    public var powerState: PowerState
    public var at: Timestamp

    /// Creates a transition.
    public init(powerState: PowerState, at: Timestamp) {
        self.powerState = powerState
        self.at = at
    }

    enum CodingKeys: String, CodingKey { case powerState, at }
}
