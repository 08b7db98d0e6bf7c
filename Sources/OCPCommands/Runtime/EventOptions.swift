import ArgumentParser
import OCPEvents
import OCPModel

/// Where cluster events go (architecture.md §9): Pub/Sub, a webhook, or both; and the reconcile-event schedule.
struct EventOptions: ParsableArguments {
    @Option(name: .customLong("events-pubsub-topic"),
            help: "Publish cluster events to this Pub/Sub topic (projects/P/topics/T); PUBSUB_EMULATOR_HOST selects the emulator, otherwise Application Default Credentials.")
    var pubsubTopic: String?

    @Option(name: .customLong("events-webhook"), help: "POST each cluster event as a signed CloudEvent to this URL.")
    var webhook: String?

    @Option(name: .customLong("events-webhook-secret-file"), help: "A file holding the webhook's HMAC-SHA256 key.")
    var webhookSecretFile: String?

    @Option(name: .customLong("events-attention-seconds"), help: "Seconds between cluster.reconcile events for clusters that need attention.")
    var attentionSeconds: Int64 = 30

    @Option(name: .customLong("events-stable-seconds"), help: "Seconds between cluster.reconcile events for stable clusters.")
    var stableSeconds: Int64 = 300

    @Option(name: .customLong("events-retry-max-seconds"), help: "The longest wait between retries of a failed delivery.")
    var retryMaxSeconds: Double = 30

    init() {}

    /// The settings these flags describe; refuses nonsense with the flag's name.
    func settings() throws -> EventSettings {
        guard attentionSeconds >= 1, stableSeconds >= attentionSeconds else {
            throw ValidationError("--events-attention-seconds must be at least 1 and --events-stable-seconds at least as long")
        }
        guard retryMaxSeconds >= 0.5 else { throw ValidationError("--events-retry-max-seconds must be at least 0.5") }
        var settings = EventSettings()
        settings.pubsubTopic = pubsubTopic
        settings.webhookURL = webhook
        settings.webhookSecretFile = webhookSecretFile
        settings.schedule.attentionSeconds = attentionSeconds
        settings.schedule.stableSeconds = stableSeconds
        settings.retryMaximumSeconds = retryMaxSeconds
        return settings
    }
}
