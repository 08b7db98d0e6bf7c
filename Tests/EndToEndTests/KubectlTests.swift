import Foundation
import Testing

/// Unmodified kubectl 1.27 and 1.33 against a fresh `ocpctl serve`, through the kubeconfig it wrote (HTTPS, its CA).
/// Each check is a case in `KubectlCases.all`, run in order against one server per kubectl version; further checks
/// are further cases.
@Suite("kubectl against ocpctl serve", .serialized)
struct KubectlTests {
    static let versions = ["1.27", "1.33"]

    @Test("kubectl drives ocpctl", arguments: versions)
    func kubectl(_ version: String) async throws {
        guard let path = Kubectl.locate(version) else {
            let message = "kubectl.\(version) not found beside gcloud (/usr/lib/google-cloud-sdk/bin) or on PATH"
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record(Comment(rawValue: "CI=true: \(message)")) }
            else { print("skipped: \(message)") }
            return
        }
        try await Serve.with { serve in
            try await eventually("the kubeconfig is written") { FileManager.default.fileExists(atPath: serve.dataDir + "/kubeconfig") }
            let kubectl = try Kubectl(version: version, path: path, serve: serve)
            for check in KubectlCases.all {
                try await check.run(kubectl)
            }
        }
    }
}

/// One kubectl check: a name for failures, and what it runs and expects.
struct KubectlCase: Sendable {
    let name: String
    let run: @Sendable (Kubectl) async throws -> Void
}

/// The checks, in the order they run; later cases may rely on what earlier ones applied.
enum KubectlCases {
    static let all: [KubectlCase] = [
        KubectlCase(name: "api-resources", run: apiResources),
        KubectlCase(name: "apply: created, then unchanged", run: applyCreatedThenUnchanged),
        KubectlCase(name: "get: table, -o wide, -o yaml, -l", run: get),
        KubectlCase(name: "explain", run: explain),
        KubectlCase(name: "wait --for=condition=Ready", run: waitReady),
        KubectlCase(name: "diff: 0 unchanged, 1 changed, old line first", run: diff),
        KubectlCase(name: "patch --type=merge", run: patchMerge),
        KubectlCase(name: "get -w sees a change", run: getWatch),
        KubectlCase(name: "apply --server-side, a conflict, then --force-conflicts", run: serverSideApply),
        KubectlCase(name: "auth can-i and whoami", run: authCanI),
        KubectlCase(name: "delete --wait", run: deleteWait),
    ]

    static func manifest(_ name: String, labels: [String: String] = [:], workers: Int = 1) -> String {
        var text = """
        apiVersion: ocpctl.io/v1alpha1
        kind: Cluster
        metadata:
          name: \(name)
          namespace: team-a

        """
        if !labels.isEmpty { text += "  labels:\n" + labels.sorted { $0.key < $1.key }.map { "    \($0.key): \($0.value)\n" }.joined() }
        text += """
        spec:
          profile: aws-minimal-test
          costCenter: sandbox
          workers: \(workers)

        """
        return text
    }

    static func apiResources(_ kubectl: Kubectl) async throws {
        let output = try kubectl.ok(["api-resources", "--api-group=ocpctl.io"])
        let clusters = try #require(output.split(separator: "\n").first { $0.hasPrefix("clusters ") }, "\(output)")
        let fields = clusters.split(separator: " ").map(String.init)
        #expect(fields == ["clusters", "cl", "ocpctl.io/v1alpha1", "true", "Cluster"], "\(output)")
        #expect(output.contains("syncsources") && output.contains("tokens"))
        let wide = try kubectl.ok(["api-resources", "--api-group=ocpctl.io", "-o", "wide"])
        #expect(wide.contains("create,delete,get,list,patch,update"), "\(wide)")
    }

    static func applyCreatedThenUnchanged(_ kubectl: Kubectl) async throws {
        let gold = try kubectl.file("gold.yaml", manifest("kube-gold", labels: ["tier": "gold"]))
        let plain = try kubectl.file("plain.yaml", manifest("kube-plain"))
        #expect(try kubectl.ok(["apply", "-f", gold]).contains("cluster.ocpctl.io/kube-gold created"))
        #expect(try kubectl.ok(["apply", "-f", plain]).contains("cluster.ocpctl.io/kube-plain created"))
        #expect(try kubectl.ok(["apply", "-f", gold]).contains("cluster.ocpctl.io/kube-gold unchanged"))
        let changed = try kubectl.file("gold-2.yaml", manifest("kube-gold", labels: ["tier": "gold"], workers: 2))
        #expect(try kubectl.ok(["apply", "-f", changed]).contains("cluster.ocpctl.io/kube-gold configured"))
        #expect(try kubectl.ok(["get", "cluster", "kube-gold", "-n", "team-a", "-o", "jsonpath={.spec.workers}"]) == "2")
    }

    static func get(_ kubectl: Kubectl) async throws {
        let table = try kubectl.ok(["get", "clusters", "-n", "team-a"])
        let lines = table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.first == ["NAME", "PROFILE", "VERSION", "PHASE", "READY", "WORKERS", "EXPIRES", "AGE"], "\(table)")
        #expect(lines.dropFirst().map { $0.first } == ["kube-gold", "kube-plain"], "\(table)")
        let wide = try kubectl.ok(["get", "clusters", "-n", "team-a", "-o", "wide"])
        #expect(wide.contains("REGION") && wide.contains("INFRA ID") && wide.contains("API URL"), "\(wide)")
        let all = try kubectl.ok(["get", "cl", "-A"])
        #expect(all.hasPrefix("NAMESPACE"), "\(all)")
        let yaml = try kubectl.ok(["get", "cluster", "kube-gold", "-n", "team-a", "-o", "yaml"])
        #expect(yaml.contains("kind: Cluster") && yaml.contains("profile: aws-minimal-test") && yaml.contains("name: kube-gold"), "\(yaml)")
        let labelled = try kubectl.ok(["get", "clusters", "-n", "team-a", "-l", "tier=gold", "-o", "name"])
        #expect(labelled.split(separator: "\n") == ["cluster.ocpctl.io/kube-gold"], "\(labelled)")
    }

    static func explain(_ kubectl: Kubectl) async throws {
        let workers = try kubectl.ok(["explain", "clusters.spec.workers"])
        #expect(workers.contains("workers") && workers.contains("<integer>"), "\(workers)")
        #expect(workers.contains("Worker replicas"), "\(workers)")
        let spec = try kubectl.ok(["explain", "clusters.spec"])
        #expect(spec.contains("profile") && spec.contains("-required-"), "\(spec)")
    }

    static func waitReady(_ kubectl: Kubectl) async throws {
        let output = try kubectl.ok(["wait", "--for=condition=Ready", "cluster/kube-plain", "-n", "team-a", "--timeout=60s"])
        #expect(output.contains("cluster.ocpctl.io/kube-plain condition met"), "\(output)")
    }

    static func diff(_ kubectl: Kubectl) async throws {
        let same = try kubectl.file("plain.yaml", manifest("kube-plain"))
        #expect(try kubectl.run(["diff", "-f", same]).status == 0)
        let changed = try kubectl.file("plain-3.yaml", manifest("kube-plain", workers: 3))
        let result = try kubectl.run(["diff", "-f", changed])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let old = try #require(lines.firstIndex(of: "-  workers: 1") ?? lines.firstIndex { $0.hasPrefix("-") && $0.contains("workers: 1") }, "\(result.stdout)")
        let new = try #require(lines.firstIndex { $0.hasPrefix("+") && $0.contains("workers: 3") }, "\(result.stdout)")
        #expect(old < new, "\(result.stdout)")
    }

    static func patchMerge(_ kubectl: Kubectl) async throws {
        #expect(try kubectl.ok(["patch", "cluster", "kube-plain", "-n", "team-a", "--type=merge", "-p", #"{"spec":{"workers":2}}"#])
            .contains("cluster.ocpctl.io/kube-plain patched"))
        #expect(try kubectl.ok(["get", "cluster", "kube-plain", "-n", "team-a", "-o", "jsonpath={.spec.workers}"]) == "2")
    }

    static func getWatch(_ kubectl: Kubectl) async throws {
        let watcher = try kubectl.start(["get", "clusters", "-n", "team-a", "-w", "--output-watch-events"])
        defer { watcher.terminate() }
        try await eventually("the watch lists what exists") { watcher.output.contains("kube-plain") }
        _ = try kubectl.ok(["patch", "cluster", "kube-plain", "-n", "team-a", "--type=merge", "-p", #"{"metadata":{"labels":{"watched":"yes"}}}"#])
        try await eventually("the watch shows the change") { watcher.output.contains("MODIFIED") }
    }

    static func serverSideApply(_ kubectl: Kubectl) async throws {
        let mine = try kubectl.file("ssa.yaml", manifest("kube-ssa", workers: 1))
        #expect(try kubectl.ok(["apply", "--server-side", "--field-manager=flux", "-f", mine]).contains("serverside-applied"))
        let theirs = try kubectl.file("ssa-other.yaml", manifest("kube-ssa", workers: 2))
        let conflict = try kubectl.run(["apply", "--server-side", "--field-manager=other", "-f", theirs])
        #expect(conflict.status != 0 && conflict.stderr.contains("conflict with \"flux\"") && conflict.stderr.contains(".spec.workers"),
                "\(conflict.stderr)")
        #expect(try kubectl.ok(["get", "cluster", "kube-ssa", "-n", "team-a", "-o", "jsonpath={.spec.workers}"]) == "1")
        _ = try kubectl.ok(["apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", theirs])
        #expect(try kubectl.ok(["get", "cluster", "kube-ssa", "-n", "team-a", "-o", "jsonpath={.spec.workers}"]) == "2")
        let managers = try kubectl.ok(["get", "cluster", "kube-ssa", "-n", "team-a", "--show-managed-fields", "-o", "jsonpath={.metadata.managedFields[*].manager}"])
        #expect(managers.contains("other"), "\(managers)")
    }

    static func authCanI(_ kubectl: Kubectl) async throws {
        #expect(try kubectl.ok(["auth", "can-i", "create", "clusters", "-n", "team-a"]).hasPrefix("yes"))
        let token = try kubectl.requesterToken(user: "kube-alice@example.com", team: "team-a")
        #expect(try kubectl.ok(["--token", token, "auth", "can-i", "create", "clusters", "-n", "team-a"]).hasPrefix("yes"))
        let denied = try kubectl.run(["--token", token, "auth", "can-i", "create", "clusters", "-n", "team-b"])
        #expect(denied.status == 1 && denied.stdout.hasPrefix("no"), "\(denied.stdout) \(denied.stderr)")
        let whoami = try kubectl.run(["--token", token, "auth", "whoami"])
        #expect(whoami.status == 0 && whoami.stdout.contains("kube-alice@example.com"), "\(whoami.stdout) \(whoami.stderr)")
    }

    static func deleteWait(_ kubectl: Kubectl) async throws {
        let output = try kubectl.ok(["delete", "cluster", "kube-ssa", "-n", "team-a", "--wait=true", "--timeout=60s"])
        #expect(output.contains("cluster.ocpctl.io \"kube-ssa\" deleted"), "\(output)")
        #expect(try kubectl.run(["get", "cluster", "kube-ssa", "-n", "team-a"]).status != 0, "gone once delete --wait returns")
    }
}
