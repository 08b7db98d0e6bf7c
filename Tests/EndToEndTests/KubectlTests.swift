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
}
