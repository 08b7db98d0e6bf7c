/// What a sync of one source would do, object by object.
public struct SyncPlan: Sendable, Hashable {
    /// One object's fate.
    public struct Item: Sendable, Hashable {
        public var namespace: String
        public var name: String
        /// `file:line` of the manifest, when the object is in the source.
        public var manifest: String?
        public var action: SyncAction
        /// The fields that differ, for an update.
        public var changes: [FieldChange]
        /// True when the live object no longer matches what this source last applied (edited through the API).
        public var drifted: Bool
        /// Why a conflict is one, for the source's status.
        public var reason: String?

        public init(namespace: String, name: String, manifest: String?, action: SyncAction, changes: [FieldChange] = [], drifted: Bool = false) {
            self.namespace = namespace
            self.name = name
            self.manifest = manifest
            self.action = action
            self.changes = changes
            self.drifted = drifted
        }
    }

    public var items: [Item]
    /// Set when the prune was refused for deleting too much; its deletions are then `.pruneRefused` items.
    public var pruneRefusal: String?

    public init(items: [Item], pruneRefusal: String? = nil) {
        self.items = items
        self.pruneRefusal = pruneRefusal
    }

    /// True when applying the plan would change nothing.
    public var isInSync: Bool { items.allSatisfy { $0.action == .unchanged } }

    /// Counts per action, for summaries.
    public func count(_ action: SyncAction) -> Int { items.filter { $0.action == action }.count }
}

/// What a sync does to one object.
public enum SyncAction: String, Sendable, Hashable, Codable, CaseIterable {
    case create = "Create"
    case update = "Update"
    case delete = "Delete"
    case unchanged = "Unchanged"
    /// Owned by this source, gone from it, but pruning is off: reported, left alone.
    case pruneSkipped = "PruneSkipped"
    /// A deletion held back because the whole prune exceeded the safety threshold.
    case pruneRefused = "PruneRefused"
    /// Exists but belongs to another source (or is being deleted): never touched.
    case conflict = "Conflict"
}
