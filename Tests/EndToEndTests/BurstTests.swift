import Foundation
import Testing

extension LoadedEndToEnd {
    /// A burst of creates against a real `ocpctl serve`, a third of them duplicates, driven by hack/bench/burst.py (the
    /// stress tool, here at a size CI can afford): every create is answered 201 or 409, `/healthz` keeps answering
    /// within a second, and SIGTERM stops the process within `--shutdown-seconds`.
    @Suite("Burst of creates", .serialized)
    struct BurstTests {
        static let rate = 200
        static let seconds = 3.0
        static let shutdownSeconds = 10.0

        @Test("SQLite: a burst of creates with duplicates is answered in full, /healthz stays fast, SIGTERM stops it in time")
        func sqlite() async throws {
            try check(try burst(postgres: nil))
        }

        @Test("PostgreSQL: a burst of creates with duplicates is answered in full, /healthz stays fast, SIGTERM stops it in time",
              .enabled(if: PostgresServer.enabled, PostgresServer.disabledReason))
        func postgres() async throws {
            try check(try burst(postgres: try await PostgresServer.freshDatabase()))
        }

        /// Runs the stress tool and returns its report.
        func burst(postgres: String?) throws -> Report {
            let directory = temporaryDirectory("ocpctl-burst-test")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", Binary.root + "/hack/bench/burst.py", "--ocpctl", Binary.path, "--rate", "\(Self.rate)",
                                 "--seconds", "\(Self.seconds)", "--shutdown-seconds", "\(Self.shutdownSeconds)", "--request-timeout", "30",
                                 // The log goes to a pipe nobody reads, as it did when the server hung: it must not matter.
                                 "--profiles", Binary.root + "/profiles", "--unread-log"] + (postgres.map { ["--postgres", $0] } ?? [])
            // Files, not pipes, so neither stream can fill up while this waits.
            let out = directory + "/report.json", err = directory + "/burst.log"
            FileManager.default.createFile(atPath: out, contents: nil)
            FileManager.default.createFile(atPath: err, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
            try process.run()
            process.waitUntilExit()
            let data = try Data(contentsOf: URL(fileURLWithPath: out))
            let log = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
            guard process.terminationStatus == 0, let report = try? JSONDecoder().decode(Report.self, from: data) else {
                Issue.record("burst.py failed (\(process.terminationStatus)): \(log)\n\(String(decoding: data, as: UTF8.self))")
                throw CancellationError()
            }
            print("burst \(report.store): \(String(decoding: data, as: UTF8.self))")
            return report
        }

        func check(_ report: Report, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(report.errors == 0, "no create went unanswered: \(report.firstErrors)", sourceLocation: sourceLocation)
            #expect(Set(report.statuses.keys).isSubset(of: ["201", "409"]), "only 201 and 409: \(report.statuses)", sourceLocation: sourceLocation)
            #expect(report.statuses["201"] == report.uniqueNames, "one create per name succeeded", sourceLocation: sourceLocation)
            #expect(report.statuses.values.reduce(0, +) == report.sent, sourceLocation: sourceLocation)
            #expect(report.clusters == report.uniqueNames, "as many clusters as names", sourceLocation: sourceLocation)
            #expect(report.healthz.samples > 10 && report.healthz.failed == 0, sourceLocation: sourceLocation)
            #expect((report.healthz.max ?? 99) < 1.0, "/healthz answered within 1 s throughout", sourceLocation: sourceLocation)
            let stop = try #require(report.stopSeconds, "the server stopped after SIGTERM", sourceLocation: sourceLocation)
            #expect(stop <= report.shutdownSeconds, "stopped within --shutdown-seconds", sourceLocation: sourceLocation)
            #expect(report.exitStatus == 0, sourceLocation: sourceLocation)
        }

        /// What burst.py reports.
        struct Report: Decodable {
            struct Health: Decodable {
                var samples: Int
                var failed: Int
                var max: Double?
            }

            var store: String
            var sent: Int
            var uniqueNames: Int
            var statuses: [String: Int]
            var errors: Int
            var firstErrors: [String]
            var clusters: Int
            var healthz: Health
            var stopSeconds: Double?
            var shutdownSeconds: Double
            var exitStatus: Int?
        }
    }
}
