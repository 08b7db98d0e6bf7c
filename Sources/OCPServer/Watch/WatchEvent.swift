import Foundation
import Hummingbird
import OCPModel

/// What happened, in Kubernetes' `watch.EventType` words.
enum WatchEventType: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
    case error = "ERROR"
}

/// One change as the hub keeps it: the object after it, and its line on the wire encoded once for every watcher.
struct WatchEvent<Object: APIObject>: Sendable {
    let type: WatchEventType
    /// The hub's revision of the change: watching after it sees every later one.
    let revision: Int64
    let object: Object
    /// `{"type":"MODIFIED","object":{...}}` and a newline.
    let line: [UInt8]

    init(type: WatchEventType, revision: Int64, object: Object) {
        self.type = type
        self.revision = revision
        self.object = object
        line = Self.line(type: type, object: object)
    }

    /// A watch event line for any object, as `watch.Event` encodes it.
    static func line(type: WatchEventType, object: some Encodable) -> [UInt8] {
        let body = (try? ResourceEncoding.jsonData(object)) ?? Data("{}".utf8)
        var line = Array("{\"type\":\"\(type.rawValue)\",\"object\":".utf8)
        line.append(contentsOf: body)
        line.append(contentsOf: Array("}\n".utf8))
        return line
    }
}

/// The object of a BOOKMARK event: only the kind and the revision a watcher may resume after.
struct BookmarkObject: Encodable {
    struct Meta: Encodable { let resourceVersion: String }
    let apiVersion = Cluster.apiVersion
    let kind: String
    let metadata: Meta

    init(kind: String, revision: Int64) {
        self.kind = kind
        metadata = Meta(resourceVersion: String(revision))
    }
}

/// Answers one watch request with the caller's filter: a hub's `response`, bound to its kind.
typealias WatchEndpoint = @Sendable (Request, WatchFilter) throws(APIError) -> Response
