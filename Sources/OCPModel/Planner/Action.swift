/// The one thing a reconcile decides to do.
public enum Action: Sendable, Hashable, CustomStringConvertible {
    /// Start installing a cluster with this infraID.
    case create(infraID: String)
    /// Change the number of worker instances.
    case scaleWorkers(Int)
    /// Stop every instance, keeping disks.
    case hibernate
    /// Start the instances again.
    case resume
    /// Remove every resource tagged with this infraID.
    case destroy(infraID: String, reason: DestroyReason)
    /// Mark the object for deletion (set `deletionTimestamp`), e.g. because its TTL ran out.
    case delete(reason: String)
    /// Nothing is left in the cloud: drop the finalizer so the store removes the object.
    case removeFinalizer

    /// The cloud operation this action starts, if it is one.
    public var operationType: OperationType? {
        switch self {
        case .create: .create
        case .scaleWorkers: .scaleWorkers
        case .hibernate: .hibernate
        case .resume: .resume
        case .destroy: .destroy
        case .delete, .removeFinalizer: nil
        }
    }

    public var description: String {
        switch self {
        case .create(let infraID): "Create(\(infraID))"
        case .scaleWorkers(let count): "ScaleWorkers(\(count))"
        case .hibernate: "Hibernate"
        case .resume: "Resume"
        case .destroy(let infraID, let reason): "Destroy(\(infraID), \(reason.rawValue))"
        case .delete(let reason): "Delete(\(reason))"
        case .removeFinalizer: "RemoveFinalizer"
        }
    }
}

/// Why the cloud resources of a cluster are destroyed.
public enum DestroyReason: String, Sendable, Hashable {
    /// The object is being deleted.
    case deletion = "Deletion"
    /// A failed or interrupted install left resources behind; they go before the next attempt.
    case leftovers = "Leftovers"
}
