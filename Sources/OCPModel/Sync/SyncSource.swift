/// A git repository (or any path git can fetch) whose manifests are the desired state of a set of clusters,
/// synced by the server on an interval, like an Argo CD Application or a Flux Kustomization.
public struct SyncSource: Sendable, Hashable, Codable {
    public static let kind = "SyncSource"

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: SyncSourceSpec
    public var status: SyncSourceStatus?

    /// Creates a source document.
    public init(metadata: ObjectMeta, spec: SyncSourceSpec, status: SyncSourceStatus? = nil) {
        apiVersion = Cluster.apiVersion
        kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// The name clusters carry in their `ocpctl.io/sync-source` annotation: `namespace/name`.
    public var ownerName: String { "\(metadata.namespace ?? "default")/\(metadata.name)" }
}

/// What to fetch and how to apply it.
public struct SyncSourceSpec: Sendable, Hashable, Codable {
    /// Anything `git clone` takes: a local path, a `file://` URL, an https or ssh URL.
    public var repo: String
    /// A branch, a tag or a commit; default `HEAD` (the remote's default branch).
    public var revision: String?
    /// The directory inside the repository; default its root.
    public var path: String?
    /// How often to fetch; default 3m, as Argo CD polls.
    public var interval: TTLDuration?
    /// Delete clusters this source applied that are gone from the repository.
    public var prune: Bool?
    /// Revert changes made to its clusters through the API; without it such drift is only reported.
    public var selfHeal: Bool?
    /// Largest fraction of its clusters one prune may delete (default 0.5), unless `allowMassDeletion`.
    public var deletionThreshold: Double?
    public var allowMassDeletion: Bool?
    /// Namespaces the source may write besides its own, or `["*"]` for all; only an admin may set it, as an Argo CD
    /// AppProject's destinations. Without it a source writes only into its own namespace.
    public var destinationNamespaces: [String]?

    public init(repo: String) { self.repo = repo }

    enum CodingKeys: String, CodingKey {
        case repo, revision, path, interval, prune, selfHeal, deletionThreshold, allowMassDeletion, destinationNamespaces
    }

    /// Every problem with the spec, each with its field path; `allowLocalRepos` admits `file://` URLs and paths on the server.
    public func validate(allowLocalRepos: Bool = false) -> [FieldError] {
        var errors = GitInputRules.repo(repo, allowLocal: allowLocalRepos)
        if let revision { errors += GitInputRules.revision(revision) }
        if let path { errors += GitInputRules.path(path) }
        if let interval, interval.seconds < 1 {
            errors.append(FieldError(reason: .invalid, field: "spec.interval", message: "must be at least 1s"))
        }
        for (index, namespace) in (destinationNamespaces ?? []).enumerated() where namespace != SyncDestinations.everyNamespace {
            errors += NameRules.dns1123Label(namespace, field: "spec.destinationNamespaces[\(index)]")
        }
        if let threshold = deletionThreshold, !(0...1).contains(threshold) {
            errors.append(FieldError(reason: .invalid, field: "spec.deletionThreshold", message: "must be between 0 and 1, got \(threshold)"))
        }
        return errors
    }
}

/// What the last sync found and did.
public struct SyncSourceStatus: Sendable, Hashable, Codable {
    public var observedGeneration: Int64?
    /// The commit whose manifests are applied.
    public var lastSyncedRevision: String?
    /// The commit the last attempt fetched, applied or not.
    public var lastAttemptedRevision: String?
    public var lastSyncTime: Timestamp?
    /// `Synced` (the clusters match the revision) and `Ready` (the source could be fetched and read).
    public var conditions: [Condition]?
    /// The result for each object of the last sync.
    public var resources: [SyncResourceStatus]?
    /// Clusters changed through the API since this source applied them.
    public var drift: [SyncResourceStatus]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case observedGeneration, lastSyncedRevision, lastAttemptedRevision, lastSyncTime, conditions, resources, drift
    }
}

/// One object in a source's status.
public struct SyncResourceStatus: Sendable, Hashable, Codable {
    public var namespace: String
    public var name: String
    /// `file:line` in the repository.
    public var manifest: String?
    public var action: SyncAction
    /// The changed fields, or an error.
    public var message: String?

    public init(namespace: String, name: String, manifest: String?, action: SyncAction, message: String? = nil) {
        self.namespace = namespace
        self.name = name
        self.manifest = manifest
        self.action = action
        self.message = message
    }

    enum CodingKeys: String, CodingKey { case namespace, name, manifest, action, message }
}
