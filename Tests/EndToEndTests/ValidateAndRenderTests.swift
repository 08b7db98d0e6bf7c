import Foundation
import Testing

@Suite("ocpctl validate and render, through the real binary")
struct ValidateAndRenderTests {
    @Test("validate -f manifests/ exits 0 and prints OK for each example")
    func validExamples() throws {
        let result = try Binary.run(["validate", "-f", "manifests/"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: ": OK").count - 1 == 4)
        #expect(result.stderr.isEmpty)
    }

    @Test("validate -f manifests/invalid/ exits 1 and prints every error with file:line and field path")
    func invalidExamples() throws {
        let result = try Binary.run(["validate", "-f", "manifests/invalid/"])
        #expect(result.status == 1)
        let expected = [
            "manifests/invalid/unknown-field.yaml:9: document 1: spec.replicas: unknown field",
            "manifests/invalid/wrong-type.yaml:9: document 1: spec.workers: expected an integer",
            "manifests/invalid/wrong-kind.yaml:3: document 1: kind:",
            "manifests/invalid/wrong-api-version.yaml:2: document 1: apiVersion:",
            "manifests/invalid/missing-profile.yaml:8: document 1: spec.profile: required field",
            "manifests/invalid/policy-violations.yaml:19: document 1: spec.workers: must be within 0..3",
            "manifests/invalid/policy-violations.yaml:20: document 1: spec.powerState:",
            "manifests/invalid/multi-document.json:12: document 2: spec.workers",
            "manifests/invalid/bad-syntax.yaml:7: document 1: invalid YAML",
        ]
        for line in expected {
            #expect(result.stderr.contains(line), "missing: \(line)")
        }
        #expect(result.stdout.contains("json-ok (document 1): OK"))
    }

    @Test("a command printing far more than a pipe holds on both streams returns with all of it")
    func largeOutputOnBothStreams() throws {
        // 1,500 valid and 1,500 invalid documents: well over 64 KiB on stdout and on stderr.
        let documents = (0..<3000).map { index in
            """
            apiVersion: ocpctl.io/v1alpha1
            kind: Cluster
            metadata: {name: bulk-\(index), namespace: team-a}
            spec: {profile: aws-minimal-test\(index % 2 == 0 ? "" : ", replicas: 3")}
            """
        }.joined(separator: "\n---\n")
        let result = try Binary.run(["validate", "-f", "-"], stdin: documents)
        #expect(result.status == 1)
        #expect(result.stdout.utf8.count > 65_536 && result.stderr.utf8.count > 65_536)
        #expect(result.stdout.components(separatedBy: ": OK").count - 1 == 1500)
        #expect(result.stderr.components(separatedBy: "spec.replicas: unknown field").count - 1 == 1500)
    }

    @Test("validate reads standard input with -f -")
    func stdin() throws {
        let good = try String(contentsOfFile: Binary.root + "/manifests/minimal.yaml", encoding: .utf8)
        let ok = try Binary.run(["validate", "-f", "-"], stdin: good)
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("<stdin>:2: cluster.ocpctl.io/team-a-minimal"))
        let bad = try Binary.run(["validate", "-f", "-"], stdin: good.replacingOccurrences(of: "profile: aws-minimal-test", with: "profile: gcp"))
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("<stdin>:10: document 1: spec.profile: profile \"gcp\" does not exist"))
    }

    @Test("a missing file is an error on stderr with a non-zero exit")
    func missingFile() throws {
        let result = try Binary.run(["validate", "-f", "manifests/nope.yaml"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("manifests/nope.yaml: no such file or directory"))
    }

    @Test("render install-config prints the golden output with a placeholder pull secret")
    func render() throws {
        let result = try Binary.run(["render", "install-config", "-f", "manifests/standard.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pullSecret: '{\"auths\":{\"cloud.openshift.com\":{\"auth\":\"REDACTED\"}}}'"))
        #expect(result.stdout.contains("    region: us-east-2"))
        #expect(result.stdout.contains("  replicas: 3"))
        let golden = try String(contentsOfFile: Binary.root + "/Tests/OCPModelTests/Golden/aws-standard.install-config.yaml", encoding: .utf8)
        // Same document but for the secrets, which the golden file sets explicitly.
        let strip = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("pullSecret") && !$0.hasPrefix("sshKey") } }
        #expect(strip(result.stdout) == strip(golden))
    }

    @Test("render refuses an invalid manifest")
    func renderInvalid() throws {
        let result = try Binary.run(["render", "install-config", "-f", "manifests/invalid/policy-violations.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("spec.region"))
        #expect(result.stdout.isEmpty)
    }
}
