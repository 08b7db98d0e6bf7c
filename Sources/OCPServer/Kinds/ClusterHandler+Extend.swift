import Foundation
import OCPModel

extension ClusterHandler {
    /// POST `.../clusters/NAME/extend` with `{"by": "24h"}`: `spec.ttl` grows by `by`, capped by the profile's maximum
    /// from creation (422 naming `spec.ttl`), through the same admission and update as any spec write.
    func extend(namespace: String, name: String, body: [UInt8], caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> Cluster {
        let by = try ClusterExtensionRequest.decode(body, name: name)
        let current = try await get(namespace: namespace, name: name)
        guard let profile = admission.profiles[current.spec.profile] else {
            throw APIError.invalid(name, [FieldError(reason: .notSupported, field: "spec.profile",
                                                     message: "profile \"\(current.spec.profile)\" does not exist")])
        }
        var desired = current
        do {
            desired.spec = try TTLExtension.extend(current.spec, by: by, profile: profile, created: current.metadata.creationTimestamp ?? now())
        } catch {
            throw APIError.invalid(name, error.errors)
        }
        return try await update(desired, current: current, caller: caller, dryRun: dryRun, note: &note)
    }
}

/// The body of an extend request: `{"apiVersion": "ocpctl.io/v1alpha1", "kind": "ClusterExtension", "by": "24h"}`,
/// apiVersion and kind optional; any other field is refused.
enum ClusterExtensionRequest {
    static let kind = "ClusterExtension"

    static func decode(_ body: [UInt8], name: String) throws(APIError) -> TTLDuration {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw APIError(.badRequest, "the request body must be a JSON object such as {\"by\": \"24h\"}")
        }
        var errors: [FieldError] = []
        for key in object.keys.sorted() where !["apiVersion", "kind", "by"].contains(key) {
            errors.append(FieldError(reason: .unknownField, field: String(key.prefix(64)), message: "unknown field"))
        }
        if let apiVersion = object["apiVersion"], apiVersion as? String != Cluster.apiVersion {
            errors.append(FieldError(reason: .invalid, field: "apiVersion", message: "must be \(Cluster.apiVersion)"))
        }
        if let kind = object["kind"], kind as? String != Self.kind {
            errors.append(FieldError(reason: .invalid, field: "kind", message: "must be \(Self.kind)"))
        }
        var by: TTLDuration?
        switch object["by"] {
        case nil:
            errors.append(FieldError(reason: .required, field: "by", message: "must name how much longer, e.g. 24h"))
        case let text as String:
            by = TTLDuration(text)
            if by == nil {
                errors.append(FieldError(reason: .invalid, field: "by", message: "\"\(text.prefix(64))\" is not a duration such as 90m, 24h or 2d"))
            }
        default:
            errors.append(FieldError(reason: .wrongType, field: "by", message: "expected a string such as \"24h\""))
        }
        guard errors.isEmpty, let by else { throw APIError.invalid(name, errors) }
        return by
    }
}
