import Foundation
import OCPClient
import OCPModel
import Testing

/// Reads events from a watch until `count` arrived, one satisfies `until`, the watch ended, or `timeout` passed
/// (then it records an issue).
func events(_ stream: AsyncThrowingStream<ClusterWatchEvent, any Error>, count: Int, timeout: Duration = .seconds(30),
            until: @escaping @Sendable (ClusterWatchEvent) -> Bool = { _ in false }) async throws -> [ClusterWatchEvent] {
    try await withThrowingTaskGroup(of: [ClusterWatchEvent]?.self) { group in
        group.addTask {
            var seen: [ClusterWatchEvent] = []
            for try await event in stream {
                seen.append(event)
                if seen.count == count || until(event) { break }
            }
            return seen
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await group.next() ?? nil
        group.cancelAll()
        guard let first else {
            Issue.record("timed out after \(timeout) waiting for \(count) watch events")
            throw CancellationError()
        }
        return first
    }
}

extension ClusterWatchEvent {
    /// `ADDED one`, `MODIFIED one`, `BOOKMARK`, `ERROR 410`: what a test compares.
    var summary: String {
        switch self {
        case .added(let cluster): "ADDED \(cluster.metadata.name)"
        case .modified(let cluster): "MODIFIED \(cluster.metadata.name)"
        case .deleted(let cluster): "DELETED \(cluster.metadata.name)"
        case .bookmark: "BOOKMARK"
        case .error(let status): "ERROR \(status.code)"
        }
    }

    /// The object's resourceVersion, or the bookmark's.
    var resourceVersion: String? {
        switch self {
        case .added(let cluster), .modified(let cluster), .deleted(let cluster): cluster.metadata.resourceVersion
        case .bookmark(let version): version
        case .error: nil
        }
    }
}

/// The message of a Status answer, unescaped; the whole body when it is not one.
func statusMessage(_ response: RawResponse) -> String {
    (try? JSONDecoder().decode(StatusDocument.self, from: Data(response.body)))?.message ?? response.text
}
