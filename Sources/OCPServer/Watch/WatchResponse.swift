import Foundation
import HTTPTypes
import Hummingbird
import OCPModel

/// A watch request's options, as `metav1.ListOptions` spells them.
struct WatchOptions: Sendable {
    /// nil: start with the current objects as ADDED (resourceVersion unset or "0"), as kube does.
    var resourceVersion: Int64?
    var timeout: Duration
    var bookmarks: Bool

    /// How often a watcher that allows bookmarks gets one, besides the one just before its timeout.
    static let bookmarkInterval: Duration = .seconds(60)
    /// The longest watch, and the default when the client gives no `timeoutSeconds`.
    static let maximumTimeout = 1800

    init(_ request: Request) throws(APIError) {
        switch request.query("resourceVersion") {
        case nil, ""?, "0"?: resourceVersion = nil
        case let text?:
            guard let value = Int64(text), value > 0 else {
                throw APIError(.badRequest, "resourceVersion must be a positive integer as a list or object returned it, got \"\(text)\"")
            }
            resourceVersion = value
        }
        var seconds = Self.maximumTimeout
        if let text = request.query("timeoutSeconds") {
            guard let value = Int(text), value >= 0 else { throw APIError(.badRequest, "timeoutSeconds must be a non-negative integer, got \"\(text)\"") }
            if value > 0 { seconds = min(value, Self.maximumTimeout) }
        }
        timeout = .seconds(seconds)
        bookmarks = try Self.flag(request, "allowWatchBookmarks")
    }

    /// True for `?watch=true` (or `1`), false when absent or false; anything else is a 400.
    static func isWatch(_ request: Request) throws(APIError) -> Bool {
        try flag(request, "watch")
    }

    static func flag(_ request: Request, _ name: String) throws(APIError) -> Bool {
        switch request.query(name) {
        case nil, "false"?, "0"?: return false
        case "true"?, "1"?, ""?: return true
        case let other?: throw APIError(.badRequest, "\(name) must be true or false, got \"\(other)\"")
        }
    }
}

extension WatchHub {
    /// The chunked response of one watch: replayed events, then live ones, bookmarks when allowed, and an ERROR
    /// event with a 410 Status when the hub ends the watch early. Ends at the timeout or when the hub stops.
    func response(_ request: Request, filter: WatchFilter, kind: String) throws(APIError) -> Response {
        let options = try WatchOptions(request)
        let subscription = try subscribe(after: options.resourceVersion, filter: filter)
        let body = ResponseBody { [self] writer in
            var first = ByteBuffer()
            for line in subscription.replay { first.writeBytes(line) }
            // Headers go out with the first write, so a watcher with nothing to replay still learns it is connected.
            try await writer.write(first)
            // Bookmarks and the timeout go through the hub, so they queue behind the events already sent to us.
            let timer = Task { [self] in
                let deadline = ContinuousClock.now + options.timeout
                while ContinuousClock.now < deadline {
                    try await Task.sleep(until: min(deadline, ContinuousClock.now + WatchOptions.bookmarkInterval), clock: .continuous)
                    if options.bookmarks { bookmark(subscription.id, kind: kind) }
                }
                end(subscription.id)
            }
            // A client that went away leaves the loop by a failed write: the hub forgets it here.
            defer {
                timer.cancel()
                end(subscription.id)
            }
            for await line in subscription.events {
                try await writer.write(ByteBuffer(bytes: line))
            }
            if subscription.expired.isSet {
                let status = APIError(.expired, "the watch fell behind or its change stream restarted; list again").status
                try await writer.write(ByteBuffer(bytes: WatchEvent<Object>.line(type: .error, object: status)))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"], body: body)
    }
}
