import Foundation
import OCPModel

/// The fields of an object that managers own, as leaf paths with their JSON values: `spec.*`, and each label
/// and annotation. A map is owned key by key; anything else (a scalar, a list) is one field.
enum FieldPaths {
    typealias Path = [String]

    /// The managed leaves of `object`: path → JSON value.
    static func leaves(of object: some APIObject) throws(APIError) -> [Path: Any] {
        let tree = try jsonTree(object.withoutStatus)
        var managed: [String: Any] = [:]
        if let spec = tree["spec"] { managed["spec"] = spec }
        if let meta = tree["metadata"] as? [String: Any] {
            var metadata: [String: Any] = [:]
            if let labels = meta["labels"] as? [String: Any], !labels.isEmpty { metadata["labels"] = labels }
            if var annotations = meta["annotations"] as? [String: Any] {
                // Stamped by the server on every write: nobody's field.
                annotations[Cluster.requestIDAnnotation] = nil
                if !annotations.isEmpty { metadata["annotations"] = annotations }
            }
            if !metadata.isEmpty { managed["metadata"] = metadata }
        }
        var result: [Path: Any] = [:]
        collect(managed, prefix: [], into: &result)
        return result
    }

    private static func collect(_ value: Any, prefix: Path, into result: inout [Path: Any]) {
        if let object = value as? [String: Any], !object.isEmpty {
            for (key, child) in object { collect(child, prefix: prefix + [key], into: &result) }
        } else if !prefix.isEmpty {
            result[prefix] = value
        }
    }

    /// The object as a JSON tree.
    static func jsonTree(_ object: some Encodable) throws(APIError) -> [String: Any] {
        do {
            guard let tree = try JSONSerialization.jsonObject(with: ResourceEncoding.jsonData(object)) as? [String: Any] else {
                throw APIError(.internalError, "an object did not encode as a JSON object")
            }
            return tree
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalError, "could not encode the object: \(error)")
        }
    }

    /// True when two JSON values are equal.
    static func same(_ left: Any?, _ right: Any?) -> Bool {
        guard let left, let right else { return left == nil && right == nil }
        return JSONEquality.equal(left, right)
    }

    /// True when one path is the other or lies under it.
    static func overlap(_ left: Path, _ right: Path) -> Bool {
        left.count <= right.count ? Array(right.prefix(left.count)) == left : Array(left.prefix(right.count)) == right
    }

    /// `tree` with `value` at `path`, creating maps on the way.
    static func setting(_ value: Any, at path: Path, in tree: [String: Any]) -> [String: Any] {
        guard let key = path.first else { return tree }
        var tree = tree
        if path.count == 1 {
            tree[key] = value
        } else {
            tree[key] = setting(value, at: Array(path.dropFirst()), in: tree[key] as? [String: Any] ?? [:])
        }
        return tree
    }

    /// `tree` without the member at `path`.
    static func removing(_ path: Path, from tree: [String: Any]) -> [String: Any] {
        guard let key = path.first else { return tree }
        var tree = tree
        if path.count == 1 {
            tree[key] = nil
        } else if let child = tree[key] as? [String: Any] {
            tree[key] = removing(Array(path.dropFirst()), from: child)
        }
        return tree
    }

    /// The FieldsV1 tree of a set of paths: each component prefixed `f:`.
    static func fieldsV1(_ paths: some Sequence<Path>) -> FieldsV1 {
        var root = FieldsV1()
        for path in paths { insert(path[...], into: &root) }
        return root
    }

    private static func insert(_ path: ArraySlice<String>, into node: inout FieldsV1) {
        guard let first = path.first else { return }
        var child = node.children["f:" + first] ?? FieldsV1()
        insert(path.dropFirst(), into: &child)
        node.children["f:" + first] = child
    }

    /// The leaf paths a FieldsV1 tree names; components other than `f:` (list keys, `.`) are not ours to read.
    static func paths(_ fields: FieldsV1) -> Set<Path> {
        var result = Set<Path>()
        func walk(_ node: FieldsV1, _ prefix: Path) {
            let named = node.children.filter { $0.key.hasPrefix("f:") }
            if named.isEmpty, !prefix.isEmpty { result.insert(prefix); return }
            for (key, child) in named { walk(child, prefix + [String(key.dropFirst(2))]) }
        }
        walk(fields, [])
        return result
    }

    /// `.spec.workers`, as kube names a field in a conflict.
    static func display(_ path: Path) -> String {
        "." + path.joined(separator: ".")
    }
}
