import OCPModel

/// `resourceVersion` and `resourceVersionMatch` on a LIST, checked against the revision the store read at. The
/// store serves only its latest state, so `Exact` holds only for that revision, as kube answers once etcd compacted.
enum ListConsistency {
    /// Throws 400 for a malformed combination, 410 for an older exact revision, 504 for a revision not yet reached.
    static func check(_ parameters: ListParameters, revision: Int64) throws(APIError) {
        let requested: Int64?
        switch parameters.resourceVersion {
        case nil, ""?: requested = nil
        case let text?:
            guard let value = Int64(text), value >= 0 else {
                throw APIError(.badRequest, "resourceVersion must be a non-negative integer as a list or object returned it, got \"\(text)\"")
            }
            requested = value
        }
        guard let match = parameters.resourceVersionMatch, !match.isEmpty else {
            if let requested, requested > revision { throw tooLarge(requested, revision) }
            return
        }
        guard let requested else {
            throw APIError(.badRequest, "resourceVersionMatch is forbidden unless resourceVersion is provided")
        }
        if parameters.continueToken != nil {
            throw APIError(.badRequest, "resourceVersionMatch is forbidden when continue is provided")
        }
        switch match {
        case "NotOlderThan":
            if requested > revision { throw tooLarge(requested, revision) }
        case "Exact":
            if requested == 0 { throw APIError(.badRequest, "resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"") }
            if requested > revision { throw tooLarge(requested, revision) }
            if requested < revision { throw APIError(.expired, "too old resource version: \(requested) (\(revision))") }
        default:
            throw APIError(.badRequest, "resourceVersionMatch: Unsupported value: \"\(match)\": supported values: \"Exact\", \"NotOlderThan\"")
        }
    }

    private static func tooLarge(_ requested: Int64, _ revision: Int64) -> APIError {
        APIError(.timeout, "Too large resource version: \(requested), current: \(revision)")
    }
}
