/// A Kubernetes `metav1.Condition`: one aspect of a resource's state.
public struct Condition: Sendable, Hashable, Codable {
    /// CamelCase type, e.g. `Ready`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: ConditionStatus
    /// The generation this condition was computed from.
    public var observedGeneration: Int64?
    /// When `status` last changed.
    public var lastTransitionTime: Timestamp
    /// CamelCase machine-readable reason.
    public var reason: String
    /// Human-readable detail.
    public var message: String

    /// Creates a condition.
    public init(
        type: String, status: ConditionStatus, reason: String, message: String,
        observedGeneration: Int64? = nil, lastTransitionTime: Timestamp
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case type, status, reason, message, observedGeneration, lastTransitionTime
    }
}

/// The three values of a condition's status.
public enum ConditionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}

/// Condition types that ocpctl sets on a Cluster.
public enum ConditionType {
    public static let accepted = "Accepted"
    public static let provisioned = "Provisioned"
    public static let ready = "Ready"
    public static let progressing = "Progressing"
    public static let degraded = "Degraded"
    /// True when the TTL is inside the profile's warning window or has passed.
    public static let expiring = "Expiring"
}

extension Array where Element == Condition {
    /// The condition of this type, if present (`meta.FindStatusCondition`).
    public func condition(_ type: String) -> Condition? {
        first { $0.type == type }
    }

    /// True when the condition of this type is present and `True` (`meta.IsStatusConditionTrue`).
    public func isTrue(_ type: String) -> Bool {
        condition(type)?.status == .true
    }

    /// Adds or updates a condition (`meta.SetStatusCondition`).
    ///
    /// `lastTransitionTime` moves to `now` only when the status flips or the condition is new.
    /// Returns true when anything changed.
    @discardableResult
    public mutating func set(
        _ type: String, _ status: ConditionStatus, reason: String, message: String,
        observedGeneration: Int64?, now: Timestamp
    ) -> Bool {
        if let index = firstIndex(where: { $0.type == type }) {
            // Compared and updated field by field, in place: this runs several times per reconcile.
            if self[index].status == status, self[index].reason == reason, self[index].message == message,
               self[index].observedGeneration == observedGeneration {
                return false
            }
            if self[index].status != status {
                self[index].status = status
                self[index].lastTransitionTime = now
            }
            self[index].reason = reason
            self[index].message = message
            self[index].observedGeneration = observedGeneration
            return true
        }
        append(Condition(
            type: type, status: status, reason: reason, message: message,
            observedGeneration: observedGeneration, lastTransitionTime: now))
        return true
    }

    /// Removes the condition of this type (`meta.RemoveStatusCondition`). Returns true when one was removed.
    @discardableResult
    public mutating func remove(_ type: String) -> Bool {
        let before = count
        removeAll { $0.type == type }
        return count != before
    }
}
