import Foundation
import Testing

/// `ocpctl logs -f` follows a running operation until it finishes, printing what its log gains.
@Suite("ocpctl logs -f", .serialized)
struct LogsFollowTests {
    @Test("logs -f started while a create runs prints the rest of its log and returns when it finishes")
    func follow() async throws {
        try await Serve.with(["--sim-durations", "create=3"]) { serve in
            try TenancyTests.applyStdin(serve.cli, TenancyTests.manifest("followed", namespace: "team-a"))
            try await eventually("the create is running") {
                try serve.cli.ok(["logs", "cluster/followed", "-n", "team-a"]).contains("(Running)")
            }
            let started = ContinuousClock.now
            let followed = try serve.cli.ok(["logs", "cluster/followed", "-n", "team-a", "-f"])
            #expect(followed.contains("(Running)"), "the header shows the operation as it was when following began")
            #expect(followed.contains("Create succeeded"), "\(followed)")
            #expect(followed.hasSuffix("==> Create Succeeded <==\n"))
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }
}
