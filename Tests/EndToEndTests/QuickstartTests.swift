import Foundation
import OCPClient
import OCPModel
import Testing

/// The README quickstart, command for command, against `ocpctl serve` on a free port: on SQLite and on PostgreSQL.
@Suite("Quickstart with ocpctl serve", .serialized)
struct QuickstartTests {
    @Test("SQLite: apply manifests/, wait Ready, scale, hibernate, delete, each checked with get -o json")
    func sqlite() async throws {
        try await Self.walk(storeArguments: [])
    }

    @Test("PostgreSQL: the same walk", .enabled(if: PostgresServer.enabled, PostgresServer.disabledReason))
    func postgres() async throws {
        try await Self.walk(storeArguments: ["--postgres", try await PostgresServer.freshDatabase()])
    }

    static func walk(storeArguments: [String]) async throws {
        try await Serve.with(storeArguments) { serve in try await walk(serve) }
    }

    static func walk(_ serve: Serve) async throws {
        let cli = serve.cli
        let server = serve.process
        let dataDir = serve.dataDir
        let config = dataDir + "/client.yaml"

        let applied = try cli.ok(["apply", "-f", "manifests/"])
        #expect(applied.contains("cluster.ocpctl.io/team-a-minimal created"))
        #expect(try cli.ok(["get", "clusters", "-A"]).contains("team-a-minimal"))
        #expect(try cli.ok(["wait", "cluster/team-a-minimal", "-n", "team-a", "--for=condition=Ready", "--timeout", "60s"])
            .contains("condition met"))
        var cluster = try cli.cluster("team-a-minimal")
        #expect(cluster.status?.phase == .running)
        #expect(try cli.ok(["describe", "cluster", "team-a-minimal", "-n", "team-a"]).contains("Conditions:"))
        #expect(try cli.ok(["apply", "-f", "manifests/"]).contains("cluster.ocpctl.io/team-a-minimal unchanged"))

        _ = try cli.ok(["patch", "cluster", "team-a-minimal", "-n", "team-a", "-p", #"{"spec":{"workers":2}}"#])
        _ = try cli.ok(["wait", "cluster/team-a-minimal", "-n", "team-a", "--for=condition=Ready", "--timeout", "60s"])
        cluster = try cli.cluster("team-a-minimal")
        #expect(cluster.status?.workers?.ready == 2)
        #expect(cluster.status?.observedGeneration == cluster.metadata.generation)
        // The operation the patch caused names the patch's request.
        #expect(try cli.ok(["logs", "cluster/team-a-minimal", "-n", "team-a"]).contains("ScaleWorkers attempt 1 (Succeeded)"))

        _ = try cli.ok(["patch", "cluster", "team-a-minimal", "-n", "team-a", "-p", #"{"spec":{"powerState":"Hibernating"}}"#])
        try await eventually("team-a-minimal is Hibernated") { try cli.cluster("team-a-minimal").status?.phase == .hibernated }

        #expect(try cli.ok(["delete", "cluster", "team-a-minimal", "-n", "team-a", "--wait", "--timeout", "60s"]).contains("deleted"))
        let gone = try cli.run(["get", "cluster", "team-a-minimal", "-n", "team-a", "-o", "json"])
        #expect(gone.status != 0)
        #expect(gone.stderr.contains("NotFound"))

        let list = try JSONDecoder().decode(ClusterListDocument.self, from: Data(try cli.ok(["get", "clusters", "-A", "-o", "json"]).utf8))
        #expect(list.items.map(\.metadata.name).sorted() == ["team-a-standard", "team-b-parked", "team-b-smoke"])

        #expect(server.terminate() == 0)
        let log = (try? String(contentsOfFile: dataDir + "/serve.log", encoding: .utf8)) ?? ""
        #expect(log.contains("control plane stopped"))
        #expect(!log.contains(try ClientConfigFile.load(path: config).token ?? "no token"), "the admin token must never be logged")
    }
}

/// The CLI with a fixed environment.
struct CLI {
    var environment: [String: String]

    func run(_ arguments: [String]) throws -> Binary.Result {
        try Binary.run(arguments, environment: environment)
    }

    /// Runs a command that must succeed and returns its standard output.
    func ok(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        #expect(result.status == 0, "ocpctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// `get cluster NAME -n team-a -o json`, decoded.
    func cluster(_ name: String, namespace: String = "team-a") throws -> Cluster {
        try JSONDecoder().decode(Cluster.self, from: Data(try ok(["get", "cluster", name, "-n", namespace, "-o", "json"]).utf8))
    }
}

