import Foundation
import OCPModel
import OCPSimCloud
import Testing

/// Two weeks of a real controller on the manual clock, across the end of summer time in Berlin, driven by a profile's
/// office-hours schedule alone: every hibernate and resume must start at its local minute.
@Suite("Hibernation schedules over two weeks")
struct HibernationScheduleTests {
    /// Monday 2026-10-19 06:30 UTC (08:30 in Berlin, summer time); clocks go back on Sunday 2026-10-25.
    static let start: Int64 = 1_792_391_400
    static let day: Int64 = 86_400

    static func utc(_ text: String) -> Int64 { Timestamp(rfc3339: text)!.secondsSinceEpoch }

    @Test("office hours in Europe/Berlin for two weeks over the DST change, with an override in the middle")
    func twoWeeks() async throws {
        #expect(Timestamp(secondsSinceEpoch: Self.start).rfc3339 == "2026-10-19T06:30:00Z")
        let profiles = try OfficeHoursProfiles()
        defer { profiles.remove() }
        // The clock starts 7 s past the minute, so the planner's periodic looks (every 30 s or 5 min from the last one, no
        // resync) never land on a whole minute: a transition on its minute can only come from the schedule's requeue.
        try await Harness.run(freshSQLite(), cloud: .instant, controllerConfig: .init(workers: 2, resyncInterval: 40 * 86_400),
                              clockStart: Double(Self.start + 7), profilesDirectory: profiles.directory) { h in
            try await h.apply("office", profile: OfficeHoursProfiles.name) { spec in
                spec.ttl = TTLDuration(seconds: 15 * Self.day)
                spec.costCenter = "cc-7"
            }
            try await h.eventually("office", "Ready") { $0.isReady }
            let cluster = try #require(try await h.cluster("office"))
            #expect(cluster.status?.hibernation?.nextTransition == PowerTransition(powerState: .hibernating, at: Timestamp(rfc3339: "2026-10-19T17:00:00Z")!))

            // Wednesday 20:00 in Berlin, asleep since 19:00: the owner keeps it up until 22:00.
            try await h.advanceByTimers(to: Self.utc("2026-10-21T18:00:00Z"))
            #expect(try await h.cluster("office")?.phase == .hibernated)
            try await h.update("office") {
                $0.hibernation = HibernationSpec(override: HibernationOverride(powerState: .running, until: Timestamp(rfc3339: "2026-10-21T20:00:00Z")!))
            }
            // The change reaches the controller through the store's change stream: wait for it before time moves.
            try await h.eventually("office", "the override is seen") { $0.status?.observedGeneration == 2 }
            try await h.advanceByTimers(to: Self.utc("2026-10-21T19:00:00Z"))
            let overridden = try #require(try await h.cluster("office"))
            #expect(overridden.phase == .running)
            #expect(overridden.status?.hibernation?.nextTransition == PowerTransition(powerState: .hibernating, at: Timestamp(rfc3339: "2026-10-21T20:00:00Z")!))
            try await h.advanceByTimers(to: Self.utc("2026-11-02T12:00:00Z"))

            let started = try await h.cloud.log().filter { $0.event == "started" && ($0.type == .hibernate || $0.type == .resume) }
            let actual = started.map { "\($0.type!.rawValue) \(Timestamp(secondsSinceEpoch: Int64($0.at)).rfc3339)" }
            // By hand: 19:00 and 08:00 in Berlin are 17:00 and 06:00 UTC in summer time, 18:00 and 07:00 after 25 October.
            var expected: [String] = []
            for (week, (evening, morning)) in [("17:00", "06:00"), ("18:00", "07:00")].enumerated() {
                for weekday in 0..<5 {
                    let date = Timestamp(secondsSinceEpoch: Self.start + Int64(week * 7 + weekday) * Self.day).rfc3339.prefix(10)
                    if weekday > 0 || week > 0 { expected.append("Resume \(date)T\(morning):00Z") }
                    expected.append("Hibernate \(date)T\(evening):00Z")
                    if week == 0 && weekday == 2 {
                        expected += ["Resume 2026-10-21T18:00:00Z", "Hibernate 2026-10-21T20:00:00Z"]
                    }
                }
            }
            expected.append("Resume 2026-11-02T07:00:00Z")
            #expect(actual == expected)

            // Cost reports see the hibernated hours, since samples record the power state. By hand: 13 h on four summer
            // nights less the two hours of the override, 62 h from Friday to Monday (one of them the extra autumn hour),
            // 13 h on four winter nights and 61 h over the last weekend: 225 h of 341.5 h.
            let samples = try await h.store.listUsage(clusterUID: nil, namespace: "team-a", from: Timestamp(secondsSinceEpoch: Self.start),
                                                      to: Timestamp(rfc3339: "2026-11-02T12:00:00Z")!)
            let row = try #require(UsageReport.rows(samples, UsageQuery(from: Timestamp(secondsSinceEpoch: Self.start),
                                                                         to: Timestamp(rfc3339: "2026-11-02T12:00:00Z")!)).first)
            #expect(abs(row.hibernatedHours - 225) < 0.02, "hibernated \(row.hibernatedHours) h")
            #expect(abs(row.runningHours + row.hibernatedHours - 341.5) < 0.02, "running \(row.runningHours) h")
        }
    }
}

/// The repository's profiles plus `aws-office-hours`: aws-standard with a month's maximum TTL and Berlin office hours.
struct OfficeHoursProfiles {
    static let name = "aws-office-hours"
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-profiles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: Harness.profilesDirectory) {
            try FileManager.default.copyItem(atPath: Harness.profilesDirectory + "/" + file, toPath: directory + "/" + file)
        }
        let standard = try String(contentsOfFile: Harness.profilesDirectory + "/aws-standard.yaml", encoding: .utf8)
        let office = standard
            .replacingOccurrences(of: "name: aws-standard", with: "name: \(Self.name)")
            .replacingOccurrences(of: "maxTTLHours: 168", with: "maxTTLHours: 720")
            + """

            hibernation:
              schedules:
              - start: "0 19 * * 1-5"
                end: "0 8 * * 1-5"
                location: Europe/Berlin

            """
        try office.write(toFile: directory + "/\(Self.name).yaml", atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

extension Harness {
    /// Moves the clock from one sleeper's deadline to the next until `time`, once the controller is idle at each:
    /// a reconcile happens only when something asked for it at that time, never because time was stepped past it.
    func advanceByTimers(to time: Int64, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        while clock.now() < Double(time) {
            try await eventually("the controller is idle", sourceLocation: sourceLocation) {
                controller.queue.depth == 0 && controller.queue.inFlight == 0 && !controller.queue.hasDueTimers
            }
            let now = clock.now()
            // The queue's own next deadline too: its timer task may not be asleep on it yet.
            let wakes = clock.sleeperDeadlines.filter { $0 > now } + [controller.queue.earliestDeadline, Double(time)].compactMap { $0 }
            let next = wakes.filter { $0 > now }.min() ?? Double(time)
            clock.advance(by: next - now)
            try await Task.sleep(for: .milliseconds(1))
        }
        try await eventually("the controller is idle", sourceLocation: sourceLocation) {
            controller.queue.depth == 0 && controller.queue.inFlight == 0 && !controller.queue.hasDueTimers
        }
    }
}
