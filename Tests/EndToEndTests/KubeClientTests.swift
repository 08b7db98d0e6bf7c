import Foundation
import Testing

/// The Python `kubernetes` client's dynamic client (from PyPI; hack/test.sh installs it on CI) against a fresh
/// `serve` through the kubeconfig it wrote: it finds the Cluster kind by discovery, then lists, creates, patches
/// (merge, JSON, server-side apply with a conflict) and watches.
@Suite("The Python kubernetes dynamic client")
struct KubeClientTests {
    @Test("list, watch and patch through discovery and the written kubeconfig")
    func dynamicClient() async throws {
        try await Serve.with { serve in
            try await eventually("the kubeconfig is written") { FileManager.default.fileExists(atPath: serve.dataDir + "/kubeconfig") }
            let result = try Binary.run(["python3", Binary.root + "/Tests/KubeClients/dynamic_client_test.py"],
                                        environment: ["KUBECONFIG": serve.dataDir + "/kubeconfig"], executable: "/usr/bin/env")
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr.suffix(4000))")
            #expect(result.stdout.contains("ok: the watch saw ADDED then MODIFIED"), "\(result.stdout)")
        }
    }
}
