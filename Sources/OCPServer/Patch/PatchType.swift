/// The PATCH flavours a Kubernetes API server takes for a custom kind, by Content-Type.
enum PatchType: Sendable {
    /// `application/merge-patch+json`, RFC 7386.
    case merge
    /// `application/json-patch+json`, RFC 6902.
    case json
    /// `application/apply-patch+yaml`: server-side apply.
    case apply

    /// The type named by `contentType`; strategic merge patch and anything else is 415, worded as kube words it
    /// for custom resources (they have no patch strategy to merge by).
    init(contentType: String?) throws(APIError) {
        let type = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        switch type {
        case "application/merge-patch+json": self = .merge
        case "application/json-patch+json": self = .json
        case "application/apply-patch+yaml", "application/apply-patch+json": self = .apply
        default:
            throw APIError(.unsupportedMediaType, "the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
        }
    }
}
