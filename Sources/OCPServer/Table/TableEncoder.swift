import OCPModel
import Synchronization

/// What each row of a Table carries besides its cells (`includeObject`).
enum IncludeObject: String, Sendable {
    case none = "None"
    case metadata = "Metadata"
    case object = "Object"
}

/// Writes a `meta.k8s.io` Table as JSON: the kind's shared columns (`TableRows`) and one row per object.
/// Written by hand, with each object's metadata or whole JSON kept by uid and resource version (a write makes a
/// new version), because a general encoder spent more time on a 100-row list than reading it from the store.
final class TableEncoder: Sendable {
    /// One per process: the fragments are keyed by uids, which no two objects share.
    static let shared = TableEncoder()

    /// Past this many fragments the cache starts over rather than growing.
    static let capacity = 40_000
    private let fragments = Mutex<[String: [UInt8]]>([:])

    func encode<Object: TableRows & Encodable>(_ objects: [Object], resourceVersion: String?, continue token: String?,
                                               include: IncludeObject, apiVersion: String, now: Timestamp) throws -> [UInt8] {
        var json: [UInt8] = []
        json.reserveCapacity(256 + objects.count * 512)
        append(#"{"kind":"Table","apiVersion":"#, to: &json)
        JSONText.appendString(apiVersion, to: &json)
        append(#","metadata":{"#, to: &json)
        var separator = ""
        for (key, value) in [("resourceVersion", resourceVersion), ("continue", token)] {
            guard let value else { continue }
            append(separator + "\"\(key)\":", to: &json)
            JSONText.appendString(value, to: &json)
            separator = ","
        }
        append(#"},"columnDefinitions":["#, to: &json)
        let columns = Object.tableColumns
        for (index, column) in columns.enumerated() {
            append(index == 0 ? "{\"name\":" : ",{\"name\":", to: &json)
            JSONText.appendString(column.name, to: &json)
            append(#","type":"#, to: &json)
            JSONText.appendString(column.type, to: &json)
            append(#","format":"#, to: &json)
            JSONText.appendString(column.format, to: &json)
            append(#","description":"#, to: &json)
            JSONText.appendString(column.description, to: &json)
            append(",\"priority\":\(column.priority)}", to: &json)
        }
        append(#"],"rows":["#, to: &json)
        for (index, object) in objects.enumerated() {
            append(index == 0 ? "{\"cells\":[" : ",{\"cells\":[", to: &json)
            for (cellIndex, column) in columns.enumerated() {
                if cellIndex > 0 { json.append(UInt8(ascii: ",")) }
                JSONText.appendString(column.cell(object, now), to: &json)
            }
            json.append(UInt8(ascii: "]"))
            switch include {
            case .none: break
            case .metadata:
                append(#","object":{"apiVersion":"#, to: &json)
                JSONText.appendString(apiVersion, to: &json)
                append(#","kind":"PartialObjectMetadata","metadata":"#, to: &json)
                json += try fragment("metadata", object.metadata) { try ResourceEncoding.jsonData(object.metadata) }
                json.append(UInt8(ascii: "}"))
            case .object:
                append(#","object":"#, to: &json)
                json += try fragment("object", object.metadata) { try ResourceEncoding.jsonData(object) }
            }
            json.append(UInt8(ascii: "}"))
        }
        append("]}", to: &json)
        return json
    }

    /// The JSON `encode` makes, kept for an object with a uid and resource version.
    private func fragment(_ kind: String, _ metadata: ObjectMeta, _ encode: () throws -> some Sequence<UInt8>) throws -> [UInt8] {
        guard let uid = metadata.uid, let version = metadata.resourceVersion else { return Array(try encode()) }
        let key = "\(kind)/\(uid)/\(version)"
        if let kept = fragments.withLock({ $0[key] }) { return kept }
        let bytes = Array(try encode())
        fragments.withLock { fragments in
            if fragments.count >= Self.capacity { fragments.removeAll(keepingCapacity: true) }
            fragments[key] = bytes
        }
        return bytes
    }

    private func append(_ text: String, to json: inout [UInt8]) {
        json.append(contentsOf: text.utf8)
    }
}

/// A list or object the API can answer as a Table.
protocol TableConvertible {
    func table(include: IncludeObject, apiVersion: String, now: Timestamp) throws -> [UInt8]
}

extension ClusterListDocument: TableConvertible {
    func table(include: IncludeObject, apiVersion: String, now: Timestamp) throws -> [UInt8] {
        try TableEncoder.shared.encode(items, resourceVersion: metadata.resourceVersion, continue: metadata.continue,
                                       include: include, apiVersion: apiVersion, now: now)
    }
}

extension ItemList: TableConvertible where Item: TableRows {
    func table(include: IncludeObject, apiVersion: String, now: Timestamp) throws -> [UInt8] {
        try TableEncoder.shared.encode(items, resourceVersion: nil, continue: nil, include: include, apiVersion: apiVersion, now: now)
    }
}

extension TableRows where Self: Encodable {
    func table(include: IncludeObject, apiVersion: String, now: Timestamp) throws -> [UInt8] {
        try TableEncoder.shared.encode([self], resourceVersion: metadata.resourceVersion, continue: nil, include: include,
                                       apiVersion: apiVersion, now: now)
    }
}

extension Cluster: TableConvertible {}
extension SyncSource: TableConvertible {}
extension APIToken: TableConvertible {}
