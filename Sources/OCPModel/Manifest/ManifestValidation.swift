/// Decoded, defaulted and policy-checked documents: what `validate`, `apply` and `sync` act on.
public struct ValidatedManifests: Sendable {
    /// Documents that passed, with their spec defaulted from the profile.
    public var valid: [ManifestDocument]
    /// Every error of every document, in document order.
    public var errors: [ManifestError]

    /// True when no document has an error.
    public var isValid: Bool { errors.isEmpty }
}

extension ValidatedManifests {
    /// Checks every decoded document against its profile and reports all errors at once.
    ///
    /// `defaultNamespace` fills `metadata.namespace` when a document leaves it out, as kubectl's `-n` does.
    public init(_ results: [Result<ManifestDocument, ManifestError>], profiles: ProfileCatalog, defaultNamespace: String = "default") {
        valid = []
        errors = []
        var seen: [String: DocumentLocation] = [:]
        let known = Array(profiles.profiles.keys)
        for result in results {
            switch result {
            case .failure(let error):
                errors.append(error)
            case .success(var document):
                if document.cluster.metadata.namespace == nil { document.cluster.metadata.namespace = defaultNamespace }
                let profile = profiles[document.cluster.spec.profile]
                if let profile { document.cluster.spec = document.cluster.spec.defaulted(by: profile) }
                var fieldErrors = ClusterPolicy.validate(document.cluster, profile: profile, knownProfiles: known)
                let key = "\(document.cluster.metadata.namespace ?? "")/\(document.cluster.metadata.name)"
                if let first = seen[key] {
                    fieldErrors.append(FieldError(reason: .duplicate, field: "metadata.name",
                                                  message: "cluster \(key) is also defined at \(first.source):\(first.line)"))
                } else {
                    seen[key] = document.location
                }
                if fieldErrors.isEmpty {
                    valid.append(document)
                } else {
                    errors += fieldErrors.map(document.error)
                }
            }
        }
    }
}
