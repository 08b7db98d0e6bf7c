public import OCPModel

/// Where events go and how often reconcile events are written (architecture.md §9).
public struct EventSettings: Sendable, Hashable {
    /// `projects/PROJECT/topics/TOPIC`, or a bare topic name in the credentials' (or `GOOGLE_CLOUD_PROJECT`'s) project.
    public var pubsubTopic: String?
    /// An HTTP(S) URL that receives each event as a CloudEvent.
    public var webhookURL: String?
    /// A file holding the webhook's HMAC-SHA256 key; its contents never reach a log.
    public var webhookSecretFile: String?
    /// The original design's schedule of `cluster.reconcile` events.
    public var schedule: ReconcileSchedule
    /// Seconds between looks at the outbox when it was empty.
    public var pollSeconds: Double
    /// Events sent per request to Pub/Sub (at most 1,000, its limit).
    public var batchSize: Int
    /// Retry delays after a failed delivery: doubling from `minimum` to `maximum` seconds.
    public var retryMinimumSeconds: Double
    public var retryMaximumSeconds: Double

    /// No sink: events are written and dropped once published nowhere.
    public init() {
        schedule = ReconcileSchedule()
        pollSeconds = 0.2
        batchSize = 500
        retryMinimumSeconds = 0.5
        retryMaximumSeconds = 30
    }

    /// True when at least one sink is configured.
    public var hasSinks: Bool { pubsubTopic != nil || webhookURL != nil }
}
