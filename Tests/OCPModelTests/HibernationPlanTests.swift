import OCPModel
import Testing

@Suite("Hibernation schedules")
struct HibernationPlanTests {
    static let weekdays = HibernationSchedule(start: "0 19 * * 1-5", end: "0 8 * * 1-5", location: "Europe/Berlin")

    static func spec(_ schedules: [HibernationSchedule]? = [weekdays], override: HibernationOverride? = nil,
                     powerState: PowerState = .running) -> ClusterSpec {
        var spec = ClusterSpec(profile: "aws-minimal-test")
        spec.powerState = powerState
        spec.hibernation = HibernationSpec(schedules: schedules, override: override)
        return spec
    }

    static func at(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    @Test("a weekday schedule hibernates in the evening and over the weekend, and says when it changes next")
    func weekdays() {
        // Friday 2026-11-27, 20:00 in Berlin (CET, UTC+1).
        let friday = HibernationPlan(spec: Self.spec(), profile: nil, now: Self.at("2026-11-27T19:00:00Z"))
        #expect(friday.desired == .hibernating)
        #expect(friday.next == PowerTransition(powerState: .running, at: Self.at("2026-11-30T07:00:00Z")))
        let monday = HibernationPlan(spec: Self.spec(), profile: nil, now: Self.at("2026-11-30T07:00:00Z"))
        #expect(monday.desired == .running)
        #expect(monday.next == PowerTransition(powerState: .hibernating, at: Self.at("2026-11-30T18:00:00Z")))
        let justBefore = HibernationPlan(spec: Self.spec(), profile: nil, now: Self.at("2026-11-30T06:59:59Z"))
        #expect(justBefore.desired == .hibernating)
    }

    @Test("an override holds until its time, then the schedule decides")
    func override() {
        let until = Self.at("2026-11-27T21:00:00Z")
        let spec = Self.spec(override: HibernationOverride(powerState: .running, until: until))
        let during = HibernationPlan(spec: spec, profile: nil, now: Self.at("2026-11-27T19:30:00Z"))
        #expect(during.desired == .running)
        #expect(during.next == PowerTransition(powerState: .hibernating, at: until))
        let after = HibernationPlan(spec: spec, profile: nil, now: until)
        #expect(after.desired == .hibernating)
        #expect(after.next == PowerTransition(powerState: .running, at: Self.at("2026-11-30T07:00:00Z")))
    }

    @Test("spec.powerState Hibernating pins the cluster asleep; no schedule means running")
    func pinned() {
        let plan = HibernationPlan(spec: Self.spec(powerState: .hibernating), profile: nil, now: Self.at("2026-11-30T10:00:00Z"))
        #expect(plan.desired == .hibernating)
        #expect(plan.next == nil)
        let none = HibernationPlan(spec: Self.spec([]), profile: nil, now: Self.at("2026-11-30T20:00:00Z"))
        #expect(none.desired == .running)
        #expect(none.next == nil)
    }

    @Test("a profile's schedules apply to clusters that set none; an empty list turns them off")
    func profileDefault() {
        var profile = Fixtures.minimalProfile
        profile.hibernation = Profile.Hibernation(schedules: [Self.weekdays])
        #expect(profile.validate().isEmpty)
        let night = Self.at("2026-11-30T20:00:00Z")
        #expect(HibernationPlan(spec: Self.spec(nil), profile: profile, now: night).desired == .hibernating)
        #expect(HibernationPlan(spec: Self.spec([]), profile: profile, now: night).desired == .running)
        profile.hibernation = Profile.Hibernation(schedules: [HibernationSchedule(start: "0 25 * * *", location: "Mars/Olympus")])
        #expect(profile.validate().map(\.field) == ["hibernation.schedules[0].location", "hibernation.schedules[0].start"])
    }

    @Test("admission names the schedule field and the rule")
    func policy() {
        var cluster = Fixtures.cluster()
        cluster.spec.hibernation = HibernationSpec(schedules: [
            HibernationSchedule(start: "0 19 * * MONDAY", end: "0 8 * * 1-5", location: "Europe/Berlin"),
            HibernationSchedule(start: "0 19 * * *", location: "Europe/Atlantis"),
            HibernationSchedule(location: "UTC"),
            HibernationSchedule(start: "0 0 31 2 *"),
        ], override: HibernationOverride(powerState: PowerState(rawValue: "Off"), until: Fixtures.created))
        let errors = ClusterPolicy.validate(cluster, profile: Fixtures.minimalProfile)
        #expect(errors.map(\.description) == [
            "spec.hibernation.schedules[0].start: invalid cron expression: day-of-week field: \"MONDAY\" is not a number or a name (SUN, MON, TUE, WED, THU, FRI, SAT)",
            "spec.hibernation.schedules[1].location: unknown time zone \"Europe/Atlantis\": must be an IANA name such as Europe/Berlin or UTC",
            "spec.hibernation.schedules[2]: must set start, end or both",
            "spec.hibernation.schedules[3].start: \"0 0 31 2 *\" never fires",
            "spec.hibernation.override.powerState: unsupported value \"Off\": must be one of Running, Hibernating",
        ])
        cluster.spec.hibernation = HibernationSpec(schedules: [Self.weekdays])
        #expect(ClusterPolicy.validate(cluster, profile: Fixtures.minimalProfile).isEmpty)
    }

    @Test("strict decoding refuses an unknown field in a schedule, naming its path")
    func strictDecoding() throws {
        let results = ManifestParser.parse("""
            apiVersion: ocpctl.io/v1alpha1
            kind: Cluster
            metadata:
              name: a
            spec:
              profile: aws-minimal-test
              hibernation:
                schedules:
                - start: "0 19 * * 1-5"
                  zone: Europe/Berlin
            """, source: "test.yaml")
        guard case .failure(let error) = try #require(results.first) else {
            Issue.record("expected an error")
            return
        }
        #expect(error.issue.field == "spec.hibernation.schedules[0].zone")
        #expect(error.issue.reason == .unknownField)
    }

    @Test("the planner hibernates an installed cluster at the schedule's start and requeues at the next transition")
    func planner() {
        var cluster = Fixtures.cluster(ttl: "72h")
        cluster.metadata.creationTimestamp = Self.at("2026-11-30T06:00:00Z")
        cluster.spec = cluster.spec.defaulted(by: Fixtures.minimalProfile)
        cluster.spec.hibernation = HibernationSpec(schedules: [Self.weekdays])
        let evening = Self.at("2026-11-30T18:00:00Z")
        let plan = Planner.plan(PlanInput(cluster: cluster, profile: Fixtures.minimalProfile,
                                          observed: Fixtures.installed("team-a-test-01-x"), operation: nil, now: evening))
        #expect(plan.action == .hibernate)
        #expect(plan.status.hibernation?.nextTransition == PowerTransition(powerState: .running, at: Self.at("2026-12-01T07:00:00Z")))
        let morning = Self.at("2026-12-01T06:59:00Z")
        let asleep = Planner.plan(PlanInput(cluster: cluster, profile: Fixtures.minimalProfile,
                                            observed: Fixtures.installed("team-a-test-01-x", poweredOn: false), operation: nil, now: morning))
        #expect(asleep.action == nil)
        #expect(asleep.requeueAfter == .seconds(60))
        #expect(asleep.status.conditions.first { $0.type == "Ready" }?.message == "hibernated; resumes at 2026-12-01T07:00:00Z")
    }
}
