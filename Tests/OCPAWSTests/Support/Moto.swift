import Foundation
import OCPAWS
import Testing

/// The moto server the service tests talk to: `OCPCTL_TEST_MOTO_URL` when set (hack/test.sh sets it), else one started
/// here on a free port, once per test run, and stopped when the test process ends. On CI a missing moto fails the tests.
enum Moto {
    static let environment = ProcessInfo.processInfo.environment
    static let configuredURL = environment["OCPCTL_TEST_MOTO_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let isCI = environment["CI"] == "true"

    /// Moto tests run when a URL is given or moto is installed, and always on CI, where a missing moto fails them.
    static let enabled = configuredURL != nil || isCI || motoInstalled
    static let disabledReason: Comment = "moto tests are disabled: install moto (pip install 'moto[server]') or set OCPCTL_TEST_MOTO_URL"

    /// The server's URL, started on first use.
    static func url() throws -> String {
        switch started {
        case .success(let url): return url
        case .failure(let error):
            Issue.record("moto is not available\(isCI ? " and CI=true requires it" : ""): \(error)")
            throw error
        }
    }

    /// A client for moto with fixed test credentials, path-style S3 and fast retries.
    static func client(region: String = "us-east-1", credentials: AWSCredentials = testCredentials) throws -> AWSClient {
        let endpoint = try #require(AWSEndpoint(url: url()))
        return AWSClient(configuration: AWSConfiguration(region: region, endpointOverrides: ["*": endpoint]), credentials: credentials,
                         retry: AWSRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(50)))
    }

    static let testCredentials = AWSCredentials(accessKeyID: "AKIAMOTOTESTING", secretAccessKey: "motosecret")

    /// A name no other test uses, for buckets, tags and secrets on the shared server.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    static let motoInstalled: Bool = {
        guard configuredURL == nil else { return true }
        return run(["python3", "-c", "import moto.server"]) == 0
    }()

    static let started: Result<String, StartError> = {
        if let configuredURL { return .success(configuredURL) }
        return start()
    }()

    /// Starts `python3 -m moto.server` on a free port under a shell that stops it when this process exits.
    static func start() -> Result<String, StartError> {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-moto-\(getpid()).log").path
        let script = """
            port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()') || exit 1
            echo "$port"
            python3 -m moto.server -H 127.0.0.1 -p "$port" >"$2" 2>&1 &
            moto=$!
            # Signals the test process blocks stay blocked in its children, so only SIGKILL reliably stops moto.
            trap 'kill -KILL $moto 2>/dev/null' EXIT
            while kill -0 "$1" 2>/dev/null && kill -0 "$moto" 2>/dev/null; do sleep 1; done
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "moto-watchdog", String(getpid()), log]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(StartError(description: "cannot run /bin/sh: \(error)")) }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return .failure(StartError(description: "could not pick a free port"))
        }
        let url = "http://127.0.0.1:\(port)"
        for _ in 0..<300 {
            if !process.isRunning { break }
            if run(["python3", "-c", "import urllib.request; urllib.request.urlopen('\(url)/moto-api/', timeout=1)"]) == 0 {
                return .success(url)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let detail = (try? String(contentsOfFile: log, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
        return .failure(StartError(description: "moto did not start on \(url): \(detail)"))
    }

    @discardableResult
    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
