import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
public import OCPModel

/// POSTs each event to a URL as a CloudEvents 1.0 structured JSON document, in order, signed with
/// HMAC-SHA256 over the exact body: `X-Ocpctl-Signature-256: sha256=<hex>`. A 2xx acknowledges the event;
/// anything else stops the batch there, and the publisher retries with backoff.
public struct WebhookSink: EventSink {
    public let name = "webhook"
    let url: String
    /// The HMAC key's bytes: `SymmetricKey` is not `Sendable`.
    let secret: [UInt8]
    let http: HTTPClient
    let timeout: TimeAmount

    /// The signature header.
    public static let signatureHeader = "X-Ocpctl-Signature-256"

    /// Creates a sink; `secret` is the HMAC key.
    init(url: String, secret: [UInt8], http: HTTPClient, timeoutSeconds: Int64 = 10) throws(EventConfigurationError) {
        try Self.validate(url: url, secret: secret)
        self.url = url
        self.secret = secret
        self.http = http
        self.timeout = .seconds(timeoutSeconds)
    }

    /// Throws unless `url` is http(s) with a host and the secret is not empty.
    static func validate(url: String, secret: [UInt8]) throws(EventConfigurationError) {
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            throw EventConfigurationError("--events-webhook: \"\(url)\" is not an http:// or https:// URL")
        }
        guard !secret.isEmpty else { throw EventConfigurationError("--events-webhook-secret-file: the secret is empty") }
    }

    /// `sha256=` and the hex HMAC-SHA256 of `body` under `key`: what a receiver recomputes and compares.
    static func signature(body: [UInt8], key: SymmetricKey) -> String {
        "sha256=" + HMAC<SHA256>.authenticationCode(for: body, using: key).map { String(format: "%02x", $0) }.joined()
    }

    public func deliver(_ events: [ClusterEvent]) async throws -> Int {
        let key = SymmetricKey(data: secret)
        for (index, event) in events.enumerated() {
            let body = try EventJSON.encode(CloudEvent(event))
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/cloudevents+json")
            request.headers.add(name: Self.signatureHeader, value: Self.signature(body: body, key: key))
            request.body = .bytes(ByteBuffer(bytes: body))
            let failure: String
            do {
                let response = try await http.execute(request, timeout: timeout)
                _ = try? await response.body.collect(upTo: 1 << 16)
                if (200..<300).contains(Int(response.status.code)) { continue }
                failure = "HTTP \(response.status.code) for event \(event.id)"
            } catch {
                failure = "event \(event.id): \(error)"
            }
            if index == 0 { throw EventDeliveryError(sink: name, message: failure) }
            return index
        }
        return events.count
    }
}
