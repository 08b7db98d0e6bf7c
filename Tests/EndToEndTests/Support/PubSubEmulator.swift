import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// The Google Cloud Pub/Sub emulator for the event tests: hack/test.sh starts one (`OCPCTL_TEST_PUBSUB_HOST`);
/// a test that freezes the emulator starts its own through hack/lib/pubsub.sh. On CI a missing emulator fails.
struct PubSubEmulator: Sendable {
    let host: String
    /// The emulator's process group, when this test started it.
    let processGroup: Int32?

    static let sharedHost = ProcessInfo.processInfo.environment["OCPCTL_TEST_PUBSUB_HOST"].flatMap { $0.isEmpty ? nil : $0 }
    static let gcloudPresent = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/gcloud") }
    static let enabled = sharedHost != nil || gcloudPresent || ProcessInfo.processInfo.environment["CI"] == "true"
    static let disabledReason: Comment = "Pub/Sub tests are disabled: install the Google Cloud SDK's pubsub-emulator (hack/test.sh starts it)"

    /// The emulator hack/test.sh started, or a new one.
    static func shared() throws -> PubSubEmulator {
        if let sharedHost { return PubSubEmulator(host: sharedHost, processGroup: nil) }
        return try start()
    }

    /// A new emulator of this test's own, in its own process group.
    static func start() throws -> PubSubEmulator {
        guard gcloudPresent else {
            Issue.record("CI=true but gcloud is not on PATH: the Pub/Sub emulator tests cannot run")
            throw CancellationError()
        }
        let result = try Binary.run(["-c", "source hack/lib/pubsub.sh && start_throwaway_pubsub >/dev/null && echo $OCPCTL_PUBSUB_HOST $OCPCTL_PUBSUB_PID"],
                                    executable: "/bin/bash")
        let fields = result.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard result.status == 0, fields.count == 2, let group = Int32(fields[1]) else {
            Issue.record("the Pub/Sub emulator did not start: \(result.stderr)")
            throw CancellationError()
        }
        return PubSubEmulator(host: fields[0], processGroup: group)
    }

    /// Stops an emulator this test started.
    func stop() {
        if let processGroup { kill(-processGroup, SIGKILL) }
    }

    /// Freezes (SIGSTOP) or thaws (SIGCONT) the whole emulator: requests hang as in a network outage; nothing it holds is lost.
    func freeze(_ frozen: Bool) {
        if let processGroup { kill(-processGroup, frozen ? SIGSTOP : SIGCONT) }
    }

    /// Creates the topic and an ordered subscription to it.
    func createTopic(project: String, topic: String, subscription: String) async throws {
        _ = try await call("PUT", "/v1/projects/\(project)/topics/\(topic)", [:])
        _ = try await call("PUT", "/v1/projects/\(project)/subscriptions/\(subscription)",
                           ["topic": "projects/\(project)/topics/\(topic)", "enableMessageOrdering": true, "ackDeadlineSeconds": 60])
    }

    /// Pulls once and acknowledges what came; returns the decoded event payloads.
    func pull(project: String, subscription: String) async throws -> [[String: Any]] {
        let path = "/v1/projects/\(project)/subscriptions/\(subscription)"
        let response = try await call("POST", path + ":pull", ["maxMessages": 1000], timeout: 5)
        let received = response["receivedMessages"] as? [[String: Any]] ?? []
        var events: [[String: Any]] = []
        var acks: [String] = []
        for message in received {
            guard let body = message["message"] as? [String: Any], let data = (body["data"] as? String).flatMap({ Data(base64Encoded: $0) }),
                  let event = try JSONSerialization.jsonObject(with: data) as? [String: Any], let ack = message["ackId"] as? String else { continue }
            events.append(event)
            acks.append(ack)
        }
        if !acks.isEmpty { _ = try await call("POST", path + ":acknowledge", ["ackIds": acks], timeout: 5) }
        return events
    }

    func call(_ method: String, _ path: String, _ body: [String: Any], timeout: Int64 = 10) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: "http://\(host)\(path)")
        request.method = .RAW(value: method)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeout))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return (try? JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]) ?? [:]
    }
}

/// What a subscriber saw: each event id once, in the order first received, and how many arrived again.
actor EventLog {
    private(set) var firstSeen: [(id: String, uid: String, sequence: Int64, type: String, generation: Int64)] = []
    private var ids = Set<String>()
    private(set) var duplicates = 0

    func record(_ events: [[String: Any]]) {
        for event in events {
            guard let id = event["id"] as? String, let cluster = event["cluster"] as? [String: Any], let uid = cluster["uid"] as? String,
                  let sequence = (event["sequence"] as? NSNumber)?.int64Value, let type = event["type"] as? String,
                  let generation = (cluster["generation"] as? NSNumber)?.int64Value else { continue }
            if ids.insert(id).inserted {
                firstSeen.append((id, uid, sequence, type, generation))
            } else {
                duplicates += 1
            }
        }
    }

    var count: Int { firstSeen.count }

    /// Sequences missing below the highest seen (the SQLite outbox numbers events without gaps).
    func missing() -> [Int64] {
        let seen = Set(firstSeen.map(\.sequence))
        guard let top = seen.max() else { return [] }
        return (1...top).filter { !seen.contains($0) }
    }

    /// Clusters whose events arrived out of sequence order.
    func outOfOrder() -> [String] {
        var last: [String: Int64] = [:]
        var bad: [String] = []
        for event in firstSeen {
            if let previous = last[event.uid], previous > event.sequence { bad.append("\(event.uid): \(event.sequence) after \(previous)") }
            last[event.uid] = event.sequence
        }
        return bad
    }

    /// Event types per cluster, in order received.
    func types() -> [String: [String]] {
        Dictionary(grouping: firstSeen, by: \.uid).mapValues { $0.map(\.type) }
    }
}

/// A free TCP port on 127.0.0.1.
func freePort() throws -> Int {
    let result = try Binary.run(["-c", "source hack/lib/ports.sh && free_port"], executable: "/bin/bash")
    guard let port = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw CancellationError() }
    return port
}

/// The example DNS controller (examples/controllers/dns/controller.py) as a child process.
final class ExampleController: @unchecked Sendable {
    private let process = Process()

    init(logPath: String, environment: [String: String]) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Binary.root + "/examples/controllers/dns/controller.py"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if !FileManager.default.fileExists(atPath: logPath) { FileManager.default.createFile(atPath: logPath, contents: nil) }
        let log = FileHandle(forWritingAtPath: logPath)
        log?.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
    }

    func start() throws { try process.run() }

    /// Stops it with SIGTERM and waits.
    func terminate() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    func kill9() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
