import Foundation

/// JSON merge patch, RFC 7386: objects merge recursively, `null` removes a member, anything else replaces.
enum MergePatch {
    /// Applies `patch` (JSON text) to `target` (JSON bytes) and returns the patched JSON bytes.
    ///
    /// Throws 400 when the patch is not a JSON object, naming the parser's complaint.
    static func apply(_ patch: [UInt8], to target: Data) throws(APIError) -> Data {
        let patchValue: Any
        do {
            patchValue = try JSONSerialization.jsonObject(with: Data(patch), options: [.fragmentsAllowed])
        } catch {
            throw APIError(.badRequest, "malformed merge patch: not valid JSON: \(Self.reason(error))")
        }
        guard patchValue is [String: Any] else {
            throw APIError(.badRequest, "malformed merge patch: the patch must be a JSON object")
        }
        do {
            let original = try JSONSerialization.jsonObject(with: target)
            let merged = merge(original, patchValue)
            return try JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys])
        } catch {
            throw APIError(.internalError, "could not apply the merge patch: \(error)")
        }
    }

    /// RFC 7386 §2 `MergePatch(Target, Patch)`.
    static func merge(_ target: Any, _ patch: Any) -> Any {
        guard let patch = patch as? [String: Any] else { return patch }
        var result = target as? [String: Any] ?? [:]
        for (key, value) in patch {
            if value is NSNull {
                result[key] = nil
            } else {
                result[key] = merge(result[key] ?? NSNull(), value)
            }
        }
        return result
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }
}
