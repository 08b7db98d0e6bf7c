import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import OCPModel
import OCPStore
import Testing

extension LoadedEndToEnd {
    /// CloudEvents webhooks from the real `ocpctl serve` (architecture.md §9): signed, retried on 500, nothing lost.
    @Suite("Event webhooks", .serialized)
    struct WebhookDeliveryTests {
        static let clusterCount = 12

        @Test("every event reaches the receiver in order with a valid HMAC signature, though every fourth request gets a 500")
        func signedAndRetried() async throws {
            let secret = "webhook-test-secret"
            let receiver = Receiver(key: SymmetricKey(data: Array(secret.utf8)))
            let router = Router()
            router.post("/hook") { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                return Response(status: await receiver.receive(Array(buffer: body), signature: request.headers[HTTPField.Name("X-Ocpctl-Signature-256")!],
                                                              contentType: request.headers[.contentType]))
            }
            let ports = PortBox()
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { await ports.set($0.localAddress?.port ?? 0) })
            let serving = Task { try await app.run() }
            defer { serving.cancel() }
            let port = try await poll("the receiver listens") { await ports.port }

            let dataDir = temporaryDirectory("ocpctl-webhook")
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            try (secret + "\n").write(toFile: dataDir + "/hook.secret", atomically: true, encoding: .utf8)
            let server = ControllerProcess(command: "serve", arguments: [
                "--data-dir", dataDir, "--port", "0", "--sim-durations", "instant", "--attention-seconds", "1",
                "--events-webhook", "http://127.0.0.1:\(port)/hook", "--events-webhook-secret-file", dataDir + "/hook.secret",
                "--events-retry-max-seconds", "1",
            ], logPath: dataDir + "/serve.log")
            try server.start()
            defer { server.kill9() }
            try await eventually("the client config is written") { FileManager.default.fileExists(atPath: dataDir + "/client.yaml") }
            let cli = CLI(environment: ["OCPCTL_CONFIG": dataDir + "/client.yaml"])

            for index in 0..<Self.clusterCount {
                _ = try cli.ok(["apply", "-f", try manifest(dataDir, index, workers: 1)])
            }
            for index in 0..<Self.clusterCount { _ = try cli.ok(["apply", "-f", try manifest(dataDir, index, workers: 2)]) }
            for index in 0..<Self.clusterCount { _ = try cli.ok(["delete", "cluster", "w-\(index)", "-n", "team-a"]) }

            try await eventually("every cluster's deleted event is acknowledged", timeout: .seconds(120)) {
                await receiver.log.types().values.filter { $0.contains("cluster.deleted") }.count == Self.clusterCount
            }
            #expect(await receiver.badSignatures == 0)
            #expect(await receiver.refused > 0, "the receiver answered 500 at least once")
            let missing = await receiver.log.missing()
            #expect(missing.isEmpty, "missing: \(missing)")
            #expect(await receiver.log.outOfOrder().isEmpty)
            #expect(await receiver.badContentTypes == 0)
            print("webhook: \(await receiver.log.count) events, \(await receiver.refused) answered 500 and retried")
        }

        func manifest(_ dataDir: String, _ index: Int, workers: Int) throws -> String {
            try writeClusterManifest(in: dataDir, name: "w-\(index)", workers: workers)
        }
    }
}

/// The test's webhook receiver: checks each signature, fails every fourth request with 500, logs the events it accepted.
actor Receiver {
    let key: SymmetricKey
    let log = EventLog()
    private(set) var requests = 0
    private(set) var refused = 0
    private(set) var badSignatures = 0
    private(set) var badContentTypes = 0

    init(key: SymmetricKey) { self.key = key }

    func receive(_ body: [UInt8], signature: String?, contentType: String?) async -> HTTPResponse.Status {
        requests += 1
        let expected = "sha256=" + HMAC<SHA256>.authenticationCode(for: body, using: key).map { String(format: "%02x", $0) }.joined()
        guard signature == expected else {
            badSignatures += 1
            return .unauthorized
        }
        if contentType != "application/cloudevents+json" { badContentTypes += 1 }
        if requests % 4 == 0 {
            refused += 1
            return .internalServerError
        }
        guard let event = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], event["specversion"] as? String == "1.0",
              let data = event["data"] as? [String: Any] else { return .badRequest }
        await log.record([data])
        return .ok
    }
}

actor PortBox {
    private(set) var port: Int?
    func set(_ value: Int) { port = value }
}
