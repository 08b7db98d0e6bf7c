import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The Google Cloud Pub/Sub emulator for the event tests: hack/test.sh starts one (`OCPCTL_TEST_PUBSUB_HOST`); a test
/// that freezes the emulator, or runs without hack/test.sh, starts its own. On CI a missing emulator fails the tests.
///
/// A test's own emulator is the SDK's launcher run as this process's child, never a shell that starts it in the
/// background: Foundation learns that a child exited when a socket it shares with the child closes, and a daemon
/// started by that child inherits the socket, so waiting for the shell would last as long as the emulator.
struct PubSubEmulator: Sendable {
    let host: String
    /// The emulator's Java VM, when this test started it.
    let process: EmulatorProcess?

    static let environment = ProcessInfo.processInfo.environment
    static let sharedHost = environment["OCPCTL_TEST_PUBSUB_HOST"].flatMap { $0.isEmpty ? nil : $0 }
    /// What `gcloud beta emulators pubsub start` runs: the launcher in the Google Cloud SDK that holds `gcloud`.
    static let launcher: String? = {
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            guard let gcloud = realpath("\(directory)/gcloud", nil) else { continue }
            defer { free(gcloud) }
            let sdk = URL(fileURLWithPath: String(cString: gcloud)).deletingLastPathComponent().deletingLastPathComponent()
            let path = sdk.appendingPathComponent("platform/pubsub-emulator/bin/cloud-pubsub-emulator").path
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        return nil
    }()
    static let enabled = sharedHost != nil || launcher != nil || environment["CI"] == "true"
    static let disabledReason: Comment = "Pub/Sub tests are disabled: install the Google Cloud SDK's pubsub-emulator (hack/test.sh starts it)"

    /// The emulator hack/test.sh started, or a new one.
    static func shared() async throws -> PubSubEmulator {
        if let sharedHost { return PubSubEmulator(host: sharedHost, process: nil) }
        return try await start()
    }

    /// A new emulator of this test's own, answering on a free port; fails the test when it cannot start.
    static func start(timeout: Duration = .seconds(120)) async throws -> PubSubEmulator {
        guard let launcher else {
            Issue.record("the Pub/Sub emulator (the Google Cloud SDK's pubsub-emulator, beside gcloud on PATH) is not installed; on CI its tests must run")
            throw CancellationError()
        }
        let process = try EmulatorProcess(launcher: launcher, port: try freePort())
        let emulator = PubSubEmulator(host: "127.0.0.1:\(process.port)", process: process)
        let deadline = ContinuousClock.now + timeout
        while (try? await emulator.call("GET", "/v1/projects/probe/topics", nil, timeout: 1)) == nil {
            guard process.isRunning, ContinuousClock.now < deadline else {
                let log = process.log
                process.stop()
                Issue.record("the Pub/Sub emulator did not answer on \(emulator.host) within \(timeout): \(log.suffix(4000))")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return emulator
    }

    /// Stops an emulator this test started.
    func stop() {
        process?.stop()
    }

    /// Freezes (SIGSTOP) or thaws (SIGCONT) the emulator: requests hang as in a network outage; nothing it holds is lost.
    func freeze(_ frozen: Bool) {
        process?.signal(frozen ? SIGSTOP : SIGCONT)
    }

    /// Creates the topic and an ordered subscription to it.
    func createTopic(project: String, topic: String, subscription: String) async throws {
        _ = try await call("PUT", "/v1/projects/\(project)/topics/\(topic)", [:])
        _ = try await call("PUT", "/v1/projects/\(project)/subscriptions/\(subscription)",
                           ["topic": "projects/\(project)/topics/\(topic)", "enableMessageOrdering": true, "ackDeadlineSeconds": 20])
    }

    /// Pulls once and acknowledges what came; returns the decoded event payloads. A pull the client gave up on still
    /// takes messages, which then wait out their ack deadline and, with ordering, hold back their key's later ones:
    /// so the pull answers at once when nothing waits, and the client waits long enough to outlast a frozen emulator.
    func pull(project: String, subscription: String) async throws -> [[String: Any]] {
        let path = "/v1/projects/\(project)/subscriptions/\(subscription)"
        let response = try await call("POST", path + ":pull", ["maxMessages": 1000, "returnImmediately": true], timeout: 120)
        let received = response["receivedMessages"] as? [[String: Any]] ?? []
        var events: [[String: Any]] = []
        var acks: [String] = []
        for message in received {
            guard let body = message["message"] as? [String: Any], let data = (body["data"] as? String).flatMap({ Data(base64Encoded: $0) }),
                  let event = try JSONSerialization.jsonObject(with: data) as? [String: Any], let ack = message["ackId"] as? String else { continue }
            events.append(event)
            acks.append(ack)
        }
        if !acks.isEmpty { _ = try await call("POST", path + ":acknowledge", ["ackIds": acks], timeout: 120) }
        return events
    }

    /// One REST call; throws unless the emulator answers 2xx.
    func call(_ method: String, _ path: String, _ body: [String: Any]?, timeout: Int64 = 10) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: "http://\(host)\(path)")
        request.method = .RAW(value: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeout))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw EmulatorError(message: "\(method) \(path): \(response.status.code) \(String(buffer: bytes))")
        }
        return (try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]) ?? [:]
    }
}

struct EmulatorError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A free TCP port on 127.0.0.1.
func freePort() throws -> Int {
    let result = try Binary.run(["-c", "source hack/lib/ports.sh && free_port"], executable: "/bin/bash")
    guard let port = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw CancellationError() }
    return port
}
