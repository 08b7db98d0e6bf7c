import Foundation
import OCPModel
import Testing

/// `get -w`, `wait` and `delete --wait` follow the server's watch; `diff` prints old before new.
@Suite("The CLI on watch", .serialized)
struct CLIWatchTests {
    static func manifest(_ directory: String, workers: Int) throws -> String {
        let path = directory + "/watched.yaml"
        try """
        apiVersion: ocpctl.io/v1alpha1
        kind: Cluster
        metadata:
          name: watched
          namespace: team-a
        spec:
          profile: aws-minimal-test
          workers: \(workers)

        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Lines of the serve log for requests on `path` exactly.
    static func requests(_ serve: Serve, path: String) -> Int {
        let log = (try? String(contentsOfFile: serve.dataDir + "/serve.log", encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains(#""path":"\#(path)""#) }.count
    }

    @Test("get -w prints the table, then a row per change; wait follows a watch instead of polling; delete --wait prints once")
    func watchCommands() async throws {
        try await Serve.with { serve in
            let cli = serve.cli
            let directory = temporaryDirectory("ocpctl-cli-watch")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            #expect(try cli.ok(["apply", "-f", try Self.manifest(directory, workers: 0)]).contains("created"))

            let output = directory + "/get-w.out"
            let watcher = ControllerProcess(command: "get", arguments: ["clusters", "-n", "team-a", "-w"], logPath: output,
                                            environment: cli.environment)
            try watcher.start()
            defer { watcher.kill9() }
            try await eventually("get -w printed the table") {
                (try String(contentsOfFile: output, encoding: .utf8)).contains("NAME")
            }
            _ = try cli.ok(["patch", "cluster", "watched", "-n", "team-a", "-p", #"{"spec":{"workers":1}}"#])
            try await eventually("get -w printed rows for the changes") {
                let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
                return lines.count >= 3 && lines.filter { $0.hasPrefix("NAME") }.count == 1 && lines.dropFirst().allSatisfy { $0.hasPrefix("watched") }
            }

            // A wait for a condition that never comes: one read and one watch, not a poll every half second.
            let item = "/apis/ocpctl.io/v1alpha1/namespaces/team-a/clusters/watched"
            let reads = Self.requests(serve, path: item)
            let started = ContinuousClock.now
            let timedOut = try cli.run(["wait", "cluster/watched", "-n", "team-a", "--for=condition=Never", "--timeout", "3s"])
            #expect(timedOut.status == 1)
            #expect(timedOut.stderr.contains("timed out waiting for the condition on clusters/watched"))
            #expect(ContinuousClock.now - started >= .seconds(3))
            #expect(Self.requests(serve, path: item) - reads <= 2)

            #expect(try cli.ok(["wait", "cluster/watched", "-n", "team-a", "--for=condition=Ready", "--timeout", "60s"]).contains("condition met"))
            let deleted = try cli.ok(["delete", "cluster", "watched", "-n", "team-a", "--wait", "--timeout", "60s"])
            #expect(deleted.components(separatedBy: "deleted").count - 1 == 1, "\(deleted)")
            try await eventually("get -w printed the deletion") {
                (try String(contentsOfFile: output, encoding: .utf8)).split(separator: "\n").count >= 4
            }
        }
    }

    @Test("diff prints the live line before the merged one, as diff -u does, and exits 1; 0 when unchanged")
    func diffOrder() async throws {
        try await Serve.with { serve in
            let cli = serve.cli
            let directory = temporaryDirectory("ocpctl-cli-diff")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = try cli.ok(["apply", "-f", try Self.manifest(directory, workers: 0)])
            #expect(try cli.run(["diff", "-f", try Self.manifest(directory, workers: 0)]).status == 0)
            let changed = try cli.run(["diff", "-f", try Self.manifest(directory, workers: 2)])
            #expect(changed.status == 1)
            let old = try #require(changed.stdout.range(of: "-  workers: 0"))
            let new = try #require(changed.stdout.range(of: "+  workers: 2"))
            #expect(old.lowerBound < new.lowerBound, "\(changed.stdout)")
        }
    }
}
