import AsyncHTTPClient
import Foundation
public import Logging
public import OCPController
import OCPModel
public import OCPStore
public import ServiceLifecycle

/// The events singletons: the publisher (with the configured sinks) and the reconcile scheduler. Run them only
/// on the leader (`LeaderOnly`); the HTTP client lives as long as the publisher runs.
public struct EventServices: Service {
    let store: any ControlPlaneStore
    let settings: EventSettings
    let platformOf: @Sendable (String) -> String?
    let clock: any ControllerClock
    let fence: SingletonFence
    let logger: Logger
    let environment: [String: String]

    /// Checks the settings now, so a bad flag stops the process at start with a message naming it. The writes of
    /// both singletons carry `fence`.
    public init(store: any ControlPlaneStore, settings: EventSettings, platformOf: @escaping @Sendable (String) -> String?,
                clock: any ControllerClock, fence: SingletonFence = .alone, logger: Logger, environment: [String: String]? = nil) throws {
        self.store = store
        self.settings = settings
        self.platformOf = platformOf
        self.clock = clock
        self.fence = fence
        self.logger = logger
        let environment = environment ?? ProcessInfo.processInfo.environment
        self.environment = environment
        _ = try Self.sinks(settings, environment: environment, http: nil)
    }

    public func run() async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let sinks = try Self.sinks(settings, environment: environment, http: http)
            let publisher = EventPublisher(store: store, sinks: sinks, platformOf: platformOf, settings: settings, clock: clock, fence: fence,
                                           logger: logger)
            let (store, settings, clock, fence, logger) = (store, settings, clock, fence, logger)
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { try await publisher.run() }
                // Without a sink the outbox is only drained; nobody would read reconcile events.
                if settings.hasSinks {
                    group.addTask {
                        try await ReconcileScheduler(store: store, schedule: settings.schedule, clock: clock, fence: fence, logger: logger).run()
                    }
                }
            }
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    /// The configured sinks; with `http` nil it only checks the settings.
    static func sinks(_ settings: EventSettings, environment: [String: String], http: HTTPClient?) throws -> [any EventSink] {
        var sinks: [any EventSink] = []
        if let topicText = settings.pubsubTopic {
            let emulator = environment["PUBSUB_EMULATOR_HOST"].flatMap { $0.isEmpty ? nil : $0 }
            let credentials = emulator == nil ? try GoogleCredentials.applicationDefault(environment: environment) : nil
            if emulator == nil, credentials == nil {
                throw EventConfigurationError("--events-pubsub-topic: no Application Default Credentials (set GOOGLE_APPLICATION_CREDENTIALS) and no PUBSUB_EMULATOR_HOST")
            }
            let topic = try PubSubTopic(topicText, defaultProject: environment["GOOGLE_CLOUD_PROJECT"] ?? credentials?.projectID)
            if let http { sinks.append(PubSubSink(topic: topic, emulatorHost: emulator, credentials: credentials, http: http)) }
        }
        if let url = settings.webhookURL {
            guard let path = settings.webhookSecretFile else {
                throw EventConfigurationError("--events-webhook needs --events-webhook-secret-file: events are always signed")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw EventConfigurationError("--events-webhook-secret-file: \(path) cannot be read")
            }
            // A trailing newline from `echo` is not part of the key.
            let secret = Array(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
            try WebhookSink.validate(url: url, secret: secret)
            if let http { sinks.append(try WebhookSink(url: url, secret: secret, http: http)) }
        }
        return sinks
    }
}
