import Foundation
import OCPClient
import Testing

extension LoadedEndToEnd {
    /// The web console in a real headless Chromium against the real binary over HTTPS: Tests/Console/console_browser.py
    /// (Selenium, from PyPI; Chromium and chromedriver from Debian, which hack/test.sh installs on CI) signs in, requests a
    /// cluster and watches it turn Ready without a reload, scales, hibernates and deletes it, sees a bad request's field
    /// errors beside the fields, finds `<script>` escaped, a form without its CSRF token refused, and team-b kept out of
    /// team-a's clusters. Its screenshots are copied to `.test-artifacts/console/` in the repository.
    @Suite("The web console in Chromium")
    struct ConsoleBrowserTests {
        @Test("sign in, request, watch, scale, hibernate, delete; errors, escaping, CSRF and tenancy")
        func browser() async throws {
            for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
                #expect(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: apt-get install chromium chromium-driver")
            }
            let durations = "create=3,destroy=2,scale=2,hibernate=2,resume=2"
            try await Serve.with(["--sim-durations", durations]) { serve in
                let config = try ClientConfigFile.load(path: serve.dataDir + "/client.yaml")
                let artifacts = serve.dataDir + "/console-artifacts"
                try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
                let started = ContinuousClock.now
                let result = try Binary.run(["python3", Binary.root + "/Tests/Console/console_browser.py", config.server, try #require(config.token), artifacts],
                                            executable: "/usr/bin/env")
                print(result.stdout)
                print("browser run took \(ContinuousClock.now - started)")
                let kept = try Self.keep(artifacts)
                print("console screenshots:\n" + kept.joined(separator: "\n"))
                #expect(result.status == 0 && result.stdout.contains("PASS"), "the browser run failed:\n\(result.stdout.suffix(4000))\n\(result.stderr.suffix(4000))")
                for name in ["inventory.png", "cluster.png", "request-form.png", "report.png"] {
                    #expect(kept.contains { $0.hasSuffix("/" + name) }, "no screenshot \(name)")
                }
            }
        }

        /// Copies the run's screenshots (and a failure's page) to `.test-artifacts/console/` in the repository root.
        static func keep(_ directory: String) throws -> [String] {
            let target = Binary.root + "/.test-artifacts/console"
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            var kept: [String] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
                try FileManager.default.copyItem(atPath: directory + "/" + name, toPath: target + "/" + name)
                kept.append(target + "/" + name)
            }
            return kept
        }
    }
}
