import Foundation
import Testing

/// A running `ocpctl serve` on a free port with its data directory, and a CLI configured for it.
struct Serve {
    let dataDir: String
    let process: ControllerProcess
    let cli: CLI

    /// Starts `ocpctl serve` (instant simulated cloud) with `arguments` added, runs `body`, then kills it.
    static func with(_ arguments: [String] = [], _ body: (Serve) async throws -> Void) async throws {
        let dataDir = temporaryDirectory("ocpctl-serve")
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let process = ControllerProcess(command: "serve", arguments: ["--data-dir", dataDir, "--port", "0", "--sim-durations", "instant",
                                                                        "--attention-seconds", "1"] + arguments,
                                        logPath: dataDir + "/serve.log")
        try process.start()
        defer { process.kill9() }
        // The first start writes the client config: the CLI needs no token copied by hand.
        let config = dataDir + "/client.yaml"
        try await eventually("the client config is written") { FileManager.default.fileExists(atPath: config) }
        try await body(Serve(dataDir: dataDir, process: process, cli: CLI(environment: ["OCPCTL_CONFIG": config])))
    }
}
