/// Where a sync source may write, like an Argo CD AppProject's destinations: its own namespace, plus the namespaces
/// an admin listed in `spec.destinationNamespaces` (`*` for every one).
public struct SyncDestinations: Sendable, Hashable {
    /// The `destinationNamespaces` entry that allows every namespace.
    public static let everyNamespace = "*"

    /// The source's own namespace: a manifest that names none lands here.
    public let home: String
    /// Namespaces allowed besides `home`.
    public let others: Set<String>

    /// The destinations of `source`.
    public init(_ source: SyncSource) {
        home = source.metadata.namespace ?? "default"
        others = Set(source.spec.destinationNamespaces ?? [])
    }

    /// True when the source may write clusters in `namespace`.
    public func allows(_ namespace: String) -> Bool {
        namespace == home || others.contains(namespace) || others.contains(Self.everyNamespace)
    }

    /// True when the spec reaches beyond the source's own namespace, which only an admin may ask for.
    public var crossesNamespaces: Bool { !others.subtracting([home]).isEmpty }

    /// The identity a source's writes are authorized as: a requester whose teams are its destinations.
    public func identity(sourceName: String) -> Identity {
        Identity(user: "system:sync:\(home)/\(sourceName)", teams: [home] + others.subtracting([home]).sorted(), role: .requester)
    }

    /// The rule a document breaks by naming `namespace`, for the source's status.
    public func refusal(namespace: String) -> String {
        let allowed = ([home] + others.subtracting([home]).sorted()).joined(separator: ", ")
        return "namespace \"\(namespace)\" is not a destination of this source (allowed: \(allowed)); "
            + "only an admin may add destinations with spec.destinationNamespaces"
    }

    /// Moves every document that names a namespace outside the destinations from `valid` to `errors`, naming its
    /// `file:line` and the rule; documents without a namespace were already placed in `home`.
    public func confine(_ manifests: ValidatedManifests) -> ValidatedManifests {
        var confined = manifests
        confined.valid = []
        for document in manifests.valid {
            let namespace = document.cluster.metadata.namespace ?? home
            if allows(namespace) {
                confined.valid.append(document)
            } else {
                confined.errors.append(document.error(FieldError(reason: .forbidden, field: "metadata.namespace", message: refusal(namespace: namespace))))
            }
        }
        return confined
    }
}
