import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
public import OCPModel

/// Publishes events to a Google Cloud Pub/Sub topic over its REST API: one request per batch, each message
/// ordered by its cluster's uid, with the event type, platform and cluster as attributes so a subscription
/// can filter. Against the emulator (`PUBSUB_EMULATOR_HOST`) it sends no credentials; otherwise it uses
/// Application Default Credentials.
public struct PubSubSink: EventSink {
    public let name = "pubsub"
    let topic: PubSubTopic
    let endpoint: String
    let credentials: GoogleCredentials?
    let http: HTTPClient
    let timeout: TimeAmount

    /// Creates a sink; `emulatorHost` is `PUBSUB_EMULATOR_HOST` (`host:port`), nil for Google itself.
    init(topic: PubSubTopic, emulatorHost: String?, credentials: GoogleCredentials?, http: HTTPClient, timeoutSeconds: Int64 = 10) {
        self.topic = topic
        self.endpoint = emulatorHost.map { "http://\($0)" } ?? "https://pubsub.googleapis.com"
        self.credentials = credentials
        self.http = http
        self.timeout = .seconds(timeoutSeconds)
    }

    public func deliver(_ events: [ClusterEvent]) async throws -> Int {
        guard !events.isEmpty else { return 0 }
        let messages = try events.map { event in
            PublishRequest.Message(data: Data(try EventJSON.encode(event)).base64EncodedString(),
                                   attributes: ["eventId": event.id, "eventType": event.type.rawValue, "platform": event.cluster.platform,
                                                "namespace": event.cluster.namespace, "name": event.cluster.name, "clusterUid": event.cluster.uid],
                                   orderingKey: event.cluster.uid)
        }
        var request = HTTPClientRequest(url: "\(endpoint)/v1/\(topic):publish")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let credentials {
            request.headers.add(name: "Authorization", value: "Bearer \(try await credentials.accessToken(http: http))")
        }
        request.body = .bytes(ByteBuffer(bytes: try EventJSON.encode(PublishRequest(messages: messages))))
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw EventDeliveryError(sink: name, message: "publish to \(topic) failed: \(error)")
        }
        let body = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw EventDeliveryError(sink: name, message: "publish to \(topic): HTTP \(response.status.code): \(String(buffer: body).prefix(300))")
        }
        // Pub/Sub accepts or refuses a publish request whole: one message id per message.
        let ids = try JSONDecoder().decode(PublishResponse.self, from: Data(buffer: body)).messageIds
        guard ids.count == events.count else {
            throw EventDeliveryError(sink: name, message: "publish to \(topic) returned \(ids.count) ids for \(events.count) messages")
        }
        return events.count
    }

    struct PublishRequest: Encodable {
        struct Message: Encodable {
            var data: String
            var attributes: [String: String]
            var orderingKey: String
        }
        var messages: [Message]
    }

    struct PublishResponse: Decodable {
        var messageIds: [String]
    }
}
