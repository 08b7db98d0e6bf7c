internal import Foundation

/// The annotations through which a sync source owns the clusters it applied (as Argo CD's tracking labels do).
public enum SyncAnnotations {
    /// The source that owns the cluster; a prune only ever deletes clusters carrying its own name here.
    public static let source = "ocpctl.io/sync-source"
    /// The manifest the cluster came from, relative to the source's root: `file:line`.
    public static let manifest = "ocpctl.io/manifest"
    /// A hash of the spec, labels and annotations the source last applied; drift is a live object that no longer matches it.
    public static let appliedHash = "ocpctl.io/applied-hash"
    /// The revision (a git commit, or a directory digest) the source last applied.
    public static let revision = "ocpctl.io/sync-revision"

    /// Every annotation ocpctl manages itself (the sync's, and the server's request id); none is desired state.
    public static let managed: Set<String> = [source, manifest, appliedHash, revision, Cluster.requestIDAnnotation]
}

extension Cluster {
    /// The source that owns this cluster, if a sync applied it.
    public var syncSource: String? { metadata.annotations?[SyncAnnotations.source] }

    /// What a sync compares and applies: spec, labels and the annotations it does not manage, in one stable form.
    public var desiredState: DesiredState {
        DesiredState(spec: spec, labels: metadata.labels ?? [:],
                     annotations: (metadata.annotations ?? [:]).filter { !SyncAnnotations.managed.contains($0.key) })
    }
}

/// The part of a cluster a sync source owns.
public struct DesiredState: Sendable, Hashable, Codable {
    public var spec: ClusterSpec
    public var labels: [String: String]
    public var annotations: [String: String]

    enum CodingKeys: String, CodingKey { case spec, labels, annotations }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spec, forKey: .spec)
        try container.encodeSorted(labels, forKey: .labels)
        try container.encodeSorted(annotations, forKey: .annotations)
    }

    /// A stable hash (FNV-1a over the sorted JSON form), recorded at apply time to detect drift later.
    ///
    /// `spec.owner` is left out: the server fills it from the requester when a manifest does not say, so the
    /// state a source applies and the state the store holds would otherwise never match.
    public var hash: String {
        var hashed = self
        hashed.spec.owner = nil
        let value = FNV1a.hash((try? ResourceEncoding.jsonData(hashed)) ?? Data())
        return String(value, radix: 16)
    }
}
