internal import Foundation

/// One field that differs between the live object and the desired one.
public struct FieldChange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Dotted path, e.g. `spec.workers` or `labels.tier`.
    public var field: String
    /// Compact JSON of the live value; nil when the field is absent there.
    public var live: String?
    /// Compact JSON of the desired value; nil when the field is absent there.
    public var desired: String?

    public init(field: String, live: String?, desired: String?) {
        self.field = field
        self.live = live
        self.desired = desired
    }

    public var description: String { "\(field): \(live ?? "<none>") → \(desired ?? "<none>")" }
}

/// Field-by-field differences between two encodable values, compared as JSON trees.
public enum FieldDiff {
    /// Every leaf that differs, in sorted path order.
    public static func changes<T: Encodable>(from live: T, to desired: T) -> [FieldChange] {
        guard let old = tree(live), let new = tree(desired) else { return [] }
        var changes: [FieldChange] = []
        compare(old, new, path: "", into: &changes)
        return changes.sorted { $0.field < $1.field }
    }

    private static func tree<T: Encodable>(_ value: T) -> Any? {
        guard let data = try? ResourceEncoding.jsonData(value) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    private static func compare(_ old: Any?, _ new: Any?, path: String, into changes: inout [FieldChange]) {
        if let old = old as? [String: Any], let new = new as? [String: Any] {
            for key in Set(old.keys).union(new.keys) {
                compare(old[key], new[key], path: path.isEmpty ? key : "\(path).\(key)", into: &changes)
            }
            return
        }
        let before = old.map(render), after = new.map(render)
        if before != after { changes.append(FieldChange(field: path, live: before, desired: after)) }
    }

    private static func render(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys, .withoutEscapingSlashes]) else {
            return "\(value)"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
