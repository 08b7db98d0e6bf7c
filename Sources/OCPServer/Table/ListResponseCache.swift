import Hummingbird
import OCPModel
import Synchronization

/// Recent cluster list answers, kept by request, caller and the store revision they were read at, the way
/// kube-apiserver answers lists from its watch cache. Every cluster write takes a new revision from the store's one
/// counter, so while the current revision equals an answer's, the same request would read the same items; Table
/// cells hold ages and expiries, so a Table is also only reused within the second it was made in.
final class ListResponseCache: Sendable {
    private struct Entry {
        let revision: Int64
        /// The second a Table was made in; nil for JSON, which holds no time.
        let second: Int64?
        let body: [UInt8]
        let contentType: String
    }

    /// Past this many answers the cache starts over rather than growing.
    static let capacity = 256
    private let entries = Mutex<[String: Entry]>([:])
    private let currentRevision: @Sendable () async throws -> Int64

    /// A cache that asks `currentRevision` whether an answer still holds.
    init(currentRevision: @escaping @Sendable () async throws -> Int64) {
        self.currentRevision = currentRevision
    }

    /// The answer to `request` from `caller`: reused when nothing was written since and the second is the same,
    /// else `list` is read and encoded anew.
    func response(_ request: Request, caller: Caller, now: Timestamp, list: () async throws -> any Encodable & Sendable) async throws -> Response {
        let identity = caller.identity
        let key = [request.uri.path, request.uri.query ?? "", request.headers[.accept] ?? "", identity.user, identity.role.rawValue,
                   identity.teams.sorted().joined(separator: ",")].joined(separator: "\u{0}")
        if let entry = entries.withLock({ $0[key] }), entry.second == nil || entry.second == now.secondsSinceEpoch,
           try await currentRevision() == entry.revision {
            return EnvelopeMiddleware.bytes(entry.body, code: 200, contentType: entry.contentType)
        }
        let value = try await list()
        let (body, contentType) = try TableNegotiation.encoded(request, value, now: now)
        if let revision = (value as? ClusterListDocument)?.metadata.resourceVersion.flatMap(Int64.init) {
            entries.withLock { entries in
                if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
                let isTable = contentType.contains("as=Table")
                entries[key] = Entry(revision: revision, second: isTable ? now.secondsSinceEpoch : nil, body: body, contentType: contentType)
            }
        }
        return EnvelopeMiddleware.bytes(body, code: 200, contentType: contentType)
    }
}
