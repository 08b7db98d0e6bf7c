import Foundation
import OCPModel

/// How a cluster maps to a `clusters` row.
enum ClusterRow {
    /// The columns every cluster read selects, in the order `decode` reads them.
    static func columns(_ dialect: SQLDialect, prefix: String = "") -> String {
        let json = { (name: String) in dialect.jsonColumn(prefix + name) }
        return ["\(prefix)uid", "\(prefix)namespace", "\(prefix)name", json("labels"), json("annotations"), json("spec"),
                json("status"), "\(prefix)generation", "\(prefix)resource_version", json("finalizers"), "\(prefix)created_at",
                "\(prefix)deletion_timestamp"].joined(separator: ", ")
    }

    static let count = 12

    /// managedFields ride in the annotations column under this key, so they need no column of their own; a
    /// client cannot set it, since `storedAnnotations` always overwrites or removes it.
    static let managedFieldsKey = "ocpctl.io/managed-fields"

    /// The annotations column's value: the annotations and, under `managedFieldsKey`, the managedFields.
    static func storedAnnotations(_ metadata: ObjectMeta) throws -> String {
        var annotations = metadata.annotations ?? [:]
        annotations[managedFieldsKey] = nil
        if let managed = metadata.managedFields, !managed.isEmpty { annotations[managedFieldsKey] = try JSONColumn.encode(managed) }
        return JSONColumn.encodeMap(annotations)
    }

    /// The labels alone, so a list can filter before decoding the rest.
    static func labels(_ row: SQLRow, at offset: Int = 0) throws -> [String: String] {
        try JSONColumn.decodeMap(try row.text(offset + 3))
    }

    /// Decodes a row; `labels` or `status` already in hand are not decoded again.
    static func decode(_ row: SQLRow, at offset: Int = 0, labels: [String: String]? = nil, status knownStatus: ClusterStatus? = nil) throws -> Cluster {
        let labels = try labels ?? Self.labels(row, at: offset)
        var metadata = ObjectMeta(name: try row.text(offset + 2), namespace: try row.text(offset + 1))
        metadata.uid = try row.text(offset)
        metadata.labels = labels.isEmpty ? nil : labels
        var annotations = try JSONColumn.decodeMap(try row.text(offset + 4))
        if let managed = annotations.removeValue(forKey: managedFieldsKey) {
            metadata.managedFields = try? JSONColumn.decode([ManagedFieldsEntry].self, managed)
        }
        metadata.annotations = annotations.isEmpty ? nil : annotations
        metadata.generation = try row.int(offset + 7)
        metadata.resourceVersion = String(try row.int(offset + 8))
        let finalizers = try JSONColumn.decodeList(try row.text(offset + 9))
        metadata.finalizers = finalizers.isEmpty ? nil : finalizers
        metadata.creationTimestamp = Timestamp(secondsSinceEpoch: try row.int(offset + 10))
        metadata.deletionTimestamp = try row.optionalInt(offset + 11).map(Timestamp.init(secondsSinceEpoch:))
        let spec = try JSONColumn.decode(ClusterSpec.self, try row.text(offset + 5))
        let status = try knownStatus ?? row.optionalText(offset + 6).map { try JSONColumn.decode(ClusterStatus.self, $0) }
        return Cluster(metadata: metadata, spec: spec, status: status)
    }

    /// The state a read-modify-write needs: version, finalizers, deletion.
    struct Current {
        var cluster: Cluster
        var resourceVersion: Int64 { Int64(cluster.metadata.resourceVersion ?? "0") ?? 0 }
        var finalizers: [String] { cluster.metadata.finalizers ?? [] }
    }
}

/// Continue tokens: the (namespace, name) of the last item of the page, opaque to clients.
enum ContinueToken {
    static func encode(_ key: ClusterKey) -> String {
        Data("\(key.namespace)/\(key.name)".utf8).base64EncodedString()
    }

    static func decode(_ token: String) throws -> ClusterKey {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              let slash = text.firstIndex(of: "/")
        else { throw StoreError.invalid(kind: "ListOptions", name: "continue", reason: "malformed continue token") }
        return ClusterKey(namespace: String(text[..<slash]), name: String(text[text.index(after: slash)...]))
    }
}
