import OCPModel
import Testing

@Suite("TTL extension and override times")
struct TTLExtensionAndOverrideTimeTests {
    @Test("extend adds to the TTL until the profile's maximum from creation")
    func extend() throws {
        let profile = Fixtures.minimalProfile
        var spec = ClusterSpec(profile: "aws-minimal-test")
        spec.ttl = .hours(24)
        #expect(try TTLExtension.extend(spec, by: TTLDuration("48h")!, profile: profile, created: Fixtures.created).ttl == .hours(72))
        #expect(try TTLExtension.extend(ClusterSpec(profile: "aws-minimal-test"), by: TTLDuration("90m")!, profile: profile,
                                        created: Fixtures.created).ttl?.text == "1530m")
        #expect(throws: ValidationFailure([FieldError(reason: .invalid, field: "spec.ttl", message:
            "extending 24h by 49h makes 73h, over the profile maximum of 72h from creation (2026-11-24T10:00:00Z); it can grow by 48h at most")])) {
            try TTLExtension.extend(spec, by: TTLDuration("49h")!, profile: profile, created: Fixtures.created)
        }
        #expect(throws: ValidationFailure.self) { try TTLExtension.extend(spec, by: TTLDuration("0s")!, profile: profile, created: Fixtures.created) }
        var fixed = profile
        fixed.lifecycle.allowCustomTTL = false
        #expect(throws: ValidationFailure([FieldError(reason: .forbidden, field: "spec.ttl",
                                                      message: "profile aws-minimal-test does not allow a custom TTL, so it cannot be extended")])) {
            try TTLExtension.extend(spec, by: TTLDuration("1h")!, profile: fixed, created: Fixtures.created)
        }
    }

    @Test("--until reads HH:MM as the next such local time, RFC 3339 and durations; anything else names the rule")
    func until() throws {
        let berlin = try #require(ZoneClock(identifier: "Europe/Berlin"))
        // 2026-11-30 20:30 in Berlin.
        let now = Timestamp(rfc3339: "2026-11-30T19:30:00Z")!
        #expect(try OverrideTime.parse("22:00", now: now, zone: berlin) == Timestamp(rfc3339: "2026-11-30T21:00:00Z")!)
        #expect(try OverrideTime.parse("08:00", now: now, zone: berlin) == Timestamp(rfc3339: "2026-12-01T07:00:00Z")!)
        #expect(try OverrideTime.parse("3h", now: now, zone: berlin) == Timestamp(rfc3339: "2026-11-30T22:30:00Z")!)
        #expect(try OverrideTime.parse("2026-12-01T00:00:00Z", now: now, zone: berlin) == Timestamp(rfc3339: "2026-12-01T00:00:00Z")!)
        for bad in ["25:00", "7:00", "tonight", "2026-11-30T00:00:00Z", "0s", ""] {
            #expect(throws: FieldError.self, "\(bad)") { try OverrideTime.parse(bad, now: now, zone: berlin) }
        }
    }
}
