public import Foundation
public import OCPModel
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// One event of a cluster watch, as the server streams it.
public enum ClusterWatchEvent: Sendable {
    case added(Cluster)
    case modified(Cluster)
    case deleted(Cluster)
    /// Nothing changed up to this resourceVersion: resume after it.
    case bookmark(resourceVersion: String)
    /// The server ended the watch (410 Expired: list again).
    case error(StatusDocument)
}

extension OCPClient {
    /// Watches clusters in `namespace` (nil: all) after `resourceVersion` (nil: the current ones as `.added` first),
    /// optionally only the one named `name`. The sequence ends when the server ends the watch (its timeout).
    public func watchClusters(namespace: String?, name: String? = nil, labelSelector: String? = nil, resourceVersion: String? = nil,
                              timeoutSeconds: Int? = nil) -> AsyncThrowingStream<ClusterWatchEvent, any Error> {
        var query: [(String, String)] = [("watch", "true"), ("allowWatchBookmarks", "true")]
        if let name { query.append(("fieldSelector", "metadata.name=\(name)")) }
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        if let timeoutSeconds { query.append(("timeoutSeconds", String(timeoutSeconds))) }
        let path = (namespace.map { "\(Self.base)/namespaces/\(Self.escape($0))/clusters" } ?? "\(Self.base)/clusters") + Self.queryString(query)
        // The server ends the watch at its timeout; the client allows a little longer before it gives up.
        let deadline: TimeAmount = .seconds(Int64(timeoutSeconds ?? 1800) + 30)
        let (events, sink) = AsyncThrowingStream<ClusterWatchEvent, any Error>.makeStream()
        let task = Task { [self] in
            do {
                var request = HTTPClientRequest(url: server + path)
                if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
                let response: HTTPClientResponse
                do {
                    response = try await http.execute(request, timeout: deadline)
                } catch {
                    throw ClientError.transport(server: server, message: "\(error)")
                }
                guard response.status.code == 200 else {
                    let body = try await response.body.collect(upTo: 1 << 20)
                    let _: Cluster = try Self.decode(RawResponse(code: Int(response.status.code), headers: [], body: Array(body.readableBytesView)))
                    throw ClientError.unexpectedResponse(code: Int(response.status.code), message: "watch refused")
                }
                var pending: [UInt8] = []
                for try await chunk in response.body {
                    pending.append(contentsOf: chunk.readableBytesView)
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        let line = Array(pending[..<newline])
                        pending.removeSubrange(...newline)
                        if !line.isEmpty { sink.yield(try Self.watchEvent(line)) }
                    }
                }
                sink.finish()
            } catch {
                sink.finish(throwing: error)
            }
        }
        sink.onTermination = { _ in task.cancel() }
        return events
    }

    /// Decodes one `{"type":...,"object":...}` line.
    static func watchEvent(_ line: [UInt8]) throws -> ClusterWatchEvent {
        struct Envelope<Object: Decodable>: Decodable { let type: String; let object: Object }
        struct TypeOnly: Decodable { let type: String }
        struct Bookmark: Decodable { struct Meta: Decodable { let resourceVersion: String }; let metadata: Meta }
        let decoder = JSONDecoder()
        let data = Data(line)
        do {
            let type = try decoder.decode(TypeOnly.self, from: data).type
            switch type {
            case "ADDED": return .added(try decoder.decode(Envelope<Cluster>.self, from: data).object)
            case "MODIFIED": return .modified(try decoder.decode(Envelope<Cluster>.self, from: data).object)
            case "DELETED": return .deleted(try decoder.decode(Envelope<Cluster>.self, from: data).object)
            case "BOOKMARK": return .bookmark(resourceVersion: try decoder.decode(Envelope<Bookmark>.self, from: data).object.metadata.resourceVersion)
            case "ERROR": return .error(try decoder.decode(Envelope<StatusDocument>.self, from: data).object)
            default: throw ClientError.unexpectedResponse(code: 200, message: "unknown watch event type \"\(type)\"")
            }
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError.unexpectedResponse(code: 200, message: "cannot decode a watch event: \(error)")
        }
    }
}
