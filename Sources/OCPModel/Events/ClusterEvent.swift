/// One cluster change as published to the event sinks (architecture.md §9): the original design's fan-out message.
public struct ClusterEvent: Sendable, Hashable, Codable {
    /// The four kinds of event.
    public enum EventType: String, Sendable, Hashable, Codable, CaseIterable {
        case created = "cluster.created"
        case updated = "cluster.updated"
        case deleted = "cluster.deleted"
        case reconcile = "cluster.reconcile"
    }

    /// Unique and stable across redeliveries: `<cluster uid>/<sequence>`, so a consumer can drop duplicates.
    public var id: String
    public var type: EventType
    /// The outbox sequence: increases with every event of one cluster, in the order the changes committed.
    public var sequence: Int64
    /// When the change committed, in milliseconds since the epoch.
    public var timeMillis: Int64
    public var cluster: Subject

    /// The cluster the event is about, as it was when the event was written.
    public struct Subject: Sendable, Hashable, Codable {
        public var uid: String
        public var namespace: String
        public var name: String
        public var generation: Int64
        /// The profile's platform (`aws`, `ibmcloud`), for controllers that filter by platform; empty when the profile is unknown.
        public var platform: String
        public var spec: ClusterSpec

        /// Creates a subject.
        public init(uid: String, namespace: String, name: String, generation: Int64, platform: String, spec: ClusterSpec) {
            self.uid = uid
            self.namespace = namespace
            self.name = name
            self.generation = generation
            self.platform = platform
            self.spec = spec
        }

        enum CodingKeys: String, CodingKey { case uid, namespace, name, generation, platform, spec }
    }

    /// Creates an event.
    public init(type: EventType, sequence: Int64, timeMillis: Int64, cluster: Subject) {
        self.id = "\(cluster.uid)/\(sequence)"
        self.type = type
        self.sequence = sequence
        self.timeMillis = timeMillis
        self.cluster = cluster
    }

    enum CodingKeys: String, CodingKey { case id, type, sequence, timeMillis, cluster }
}
