import Testing
import OCPModel

@Suite("Timestamp and TTL duration")
struct TimestampAndDurationTests {
    @Test("RFC 3339 parses and formats exactly", arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2026-11-21T10:00:00Z", Int64(1_795_255_200)),
        ("2000-02-29T23:59:59Z", Int64(951_868_799)),
        ("1969-12-31T23:59:59Z", Int64(-1)),
    ])
    func rfc3339(text: String, seconds: Int64) throws {
        let parsed = try #require(Timestamp(rfc3339: text))
        #expect(parsed.secondsSinceEpoch == seconds)
        #expect(parsed.rfc3339 == text)
    }

    @Test("offsets and fractions are normalised to UTC seconds")
    func offsets() {
        #expect(Timestamp(rfc3339: "2026-11-21T12:00:00+02:00") == Timestamp(rfc3339: "2026-11-21T10:00:00Z"))
        #expect(Timestamp(rfc3339: "2026-11-21T10:00:00.987Z")?.rfc3339 == "2026-11-21T10:00:00Z")
    }

    @Test("malformed timestamps are rejected", arguments: ["", "2026-11-21", "2026-13-01T00:00:00Z", "2026-11-21T10:00:00", "yesterday"])
    func malformed(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test("durations parse in every unit and keep their text", arguments: [
        ("90m", Int64(5400)), ("24h", Int64(86_400)), ("7d", Int64(604_800)), ("1h30m", Int64(5400)), ("45s", Int64(45)),
    ])
    func durations(text: String, seconds: Int64) throws {
        let duration = try #require(TTLDuration(text))
        #expect(duration.seconds == seconds)
        #expect(duration.text == text)
    }

    @Test("bad durations are rejected", arguments: ["", "h", "24", "1.5h", "-1h", "24x", "1h30", "a day"])
    func badDurations(text: String) {
        #expect(TTLDuration(text) == nil)
    }

    @Test("equal lengths are equal whatever the spelling")
    func equality() {
        #expect(TTLDuration("24h") == TTLDuration("1d"))
        #expect(TTLDuration.hours(24).text == "24h")
        #expect(TTLDuration(seconds: 5400).text == "90m")
    }
}
