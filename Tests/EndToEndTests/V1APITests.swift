import Foundation
import OCPClient
import OCPTestSupport
import Testing

/// The original REST API with the real binary: a Python client checks every answer of the create, replay, list, get,
/// scale, outputs, jobs, usage and destroy flow against the OpenAPI document the server serves, then schemathesis
/// fuzzes that document (no server error, no schema violation). Both come from PyPI; hack/test.sh installs them on CI.
@Suite("The /api/v1 facade end to end")
struct V1APITests {
    @Test("the original contract, checked answer by answer and fuzzed by schemathesis")
    func contract() async throws {
        try await Serve.with { serve in
            let config = try ClientConfigFile.load(path: serve.dataDir + "/client.yaml")
            // schemathesis takes a seed below 2^32; the test prints it, and OCPCTL_TEST_SEED replays it.
            let seed = TestSeed("v1 contract").seed % 4_294_967_296
            var arguments = ["python3", Binary.root + "/Tests/Contract/v1_contract.py", config.server, try #require(config.token), "--seed", String(seed)]
            if let pem = try config.certificateAuthorityPEM {
                let caFile = serve.dataDir + "/contract-ca.crt"
                try pem.write(toFile: caFile, atomically: true, encoding: .utf8)
                arguments += ["--cacert", caFile]
            }
            let result = try Binary.run(arguments, executable: "/usr/bin/env")
            print(result.stdout.split(separator: "\n").filter { !$0.hasPrefix("ok ") }.joined(separator: "\n"))
            #expect(result.status == 0, "the contract check failed (seed \(seed)):\n\(result.stdout.suffix(6000))\n\(result.stderr.suffix(4000))")
            #expect(result.stdout.contains("ok POST /api/v1/clusters -> 201") && result.stdout.contains("-> 202"))
        }
    }
}
