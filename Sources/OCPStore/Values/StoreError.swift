public import OCPModel

/// Why a store call failed, with enough context to answer the caller (409, 404, 422) without guessing.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The object does not exist (or is already gone).
    case notFound(kind: String, name: String)
    /// A live object already holds this unique key.
    case alreadyExists(kind: String, name: String, key: UniqueKey)
    /// The caller's precondition (a resourceVersion, or an expected state) no longer holds.
    case conflict(kind: String, name: String, expectedVersion: String, actual: String)
    /// The write named a lease epoch that is no longer current: another holder took over.
    case staleFence(lease: String, epoch: Int64, currentEpoch: Int64?, currentHolder: String?)
    /// The lease is held by someone else until `expiresAt`.
    case leaseHeld(lease: String, holder: String, expiresAt: Timestamp)
    /// The request cannot be stored as given.
    case invalid(kind: String, name: String, reason: String)
    /// A watch asked for changes older than the retained change log: relist, then watch again.
    case compacted(requested: Int64, oldest: Int64)
    /// The database failed; `operation` says what the store was doing.
    case backend(operation: String, message: String)

    public var description: String {
        switch self {
        case let .notFound(kind, name): "\(kind) \"\(name)\" not found"
        case let .alreadyExists(kind, name, key): "\(kind) \"\(name)\" already exists (\(key))"
        case let .conflict(kind, name, expected, actual):
            "\(kind) \"\(name)\" was modified: expected version \(expected), found \(actual)"
        case let .staleFence(lease, epoch, current, holder):
            "lease \"\(lease)\" epoch \(epoch) is stale (current epoch \(current.map(String.init) ?? "none"), holder \(holder ?? "none"))"
        case let .leaseHeld(lease, holder, expiresAt): "lease \"\(lease)\" is held by \(holder) until \(expiresAt)"
        case let .invalid(kind, name, reason): "\(kind) \"\(name)\" is invalid: \(reason)"
        case let .compacted(requested, oldest): "revision \(requested) is compacted; the oldest retained change is after \(oldest)"
        case let .backend(operation, message): "store failed to \(operation): \(message)"
        }
    }
}

/// Which uniqueness rule a create or update broke.
public enum UniqueKey: Sendable, Hashable, CustomStringConvertible {
    /// (namespace, name) among live clusters.
    case namespacedName
    /// The DNS name (name, baseDomain) among live clusters in all namespaces.
    case dnsName(String)
    /// A token's id.
    case tokenID
    /// The hash of a token's secret: two records for one secret would make a request's identity ambiguous.
    case tokenHash

    public var description: String {
        switch self {
        case .namespacedName: "a live cluster with this name exists in the namespace"
        case let .dnsName(dns): "the DNS name \(dns) is taken by a live cluster"
        case .tokenID: "a token with this id exists"
        case .tokenHash: "a token with the same secret exists"
        }
    }
}
