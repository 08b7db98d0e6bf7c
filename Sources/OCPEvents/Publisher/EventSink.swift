public import OCPModel

/// A destination for events. Delivery is at least once: the publisher marks an event sent only once every
/// sink acknowledged it, so a sink may see an event again after a failure or a crash.
public protocol EventSink: Sendable {
    /// A short name for logs and metrics, e.g. `pubsub`.
    var name: String { get }

    /// Delivers `events` in order and returns how many, from the front, the sink acknowledged; throws when it
    /// acknowledged none. Later events of a cluster are never acknowledged before its earlier ones.
    func deliver(_ events: [ClusterEvent]) async throws -> Int
}

/// A sink refused or did not answer; the message names the sink and never carries a secret.
public struct EventDeliveryError: Error, Sendable, CustomStringConvertible {
    public var sink: String
    public var message: String

    /// Creates an error.
    public init(sink: String, message: String) {
        self.sink = sink
        self.message = message
    }

    public var description: String { "\(sink): \(message)" }
}
