import Foundation

/// What a subscriber saw: each event id once, in the order first received, and how many arrived again.
actor EventLog {
    private(set) var firstSeen: [(id: String, uid: String, sequence: Int64, type: String, generation: Int64)] = []
    private var ids = Set<String>()
    private(set) var duplicates = 0

    /// Records what one pull or request brought; returns how many events that was.
    @discardableResult
    func record(_ events: [[String: Any]]) -> Int {
        for event in events {
            guard let id = event["id"] as? String, let cluster = event["cluster"] as? [String: Any], let uid = cluster["uid"] as? String,
                  let sequence = (event["sequence"] as? NSNumber)?.int64Value, let type = event["type"] as? String,
                  let generation = (cluster["generation"] as? NSNumber)?.int64Value else { continue }
            if ids.insert(id).inserted {
                firstSeen.append((id, uid, sequence, type, generation))
            } else {
                duplicates += 1
            }
        }
        return events.count
    }

    var count: Int { firstSeen.count }

    /// Sequences missing below the highest seen (the SQLite outbox numbers events without gaps).
    func missing() -> [Int64] {
        let seen = Set(firstSeen.map(\.sequence))
        guard let top = seen.max() else { return [] }
        return (1...top).filter { !seen.contains($0) }
    }

    /// Clusters whose events arrived out of sequence order.
    func outOfOrder() -> [String] {
        var last: [String: Int64] = [:]
        var bad: [String] = []
        for event in firstSeen {
            if let previous = last[event.uid], previous > event.sequence { bad.append("\(event.uid): \(event.sequence) after \(previous)") }
            last[event.uid] = event.sequence
        }
        return bad
    }

    /// Event types per cluster, in order received.
    func types() -> [String: [String]] {
        Dictionary(grouping: firstSeen, by: \.uid).mapValues { $0.map(\.type) }
    }
}
