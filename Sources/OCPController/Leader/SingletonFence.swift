public import OCPStore

/// What a singleton service's writes carry, as cluster writes carry their per-cluster lease: the leader lease's
/// fence, so the store refuses a deposed leader's write; nothing for a process that runs alone.
public struct SingletonFence: Sendable {
    let current: @Sendable () throws -> LeaseFence?

    /// A fence read from `current` at each write; it throws when the replica holds no lease to write under.
    public init(_ current: @escaping @Sendable () throws -> LeaseFence?) {
        self.current = current
    }

    /// A process alone: writes carry no fence.
    public static let alone = SingletonFence { nil }

    /// The fence for the next write.
    public func fence() throws -> LeaseFence? { try current() }
}

/// A singleton tried to write on a replica that does not lead.
public struct NotLeader: Error, CustomStringConvertible {
    /// The replica that tried.
    public var replica: String
    public var description: String { "replica \(replica) does not hold the \(LeaderElection.leaseName) lease" }
}
