import Foundation
import OCPModel

/// The driver's records in its artifact store (`installer/operations/<id>.json`, `installer/clusters/<uid>.json`),
/// cached in memory; this process is the only writer of a record while it runs its operation.
actor DriverState {
    let store: any KeyedArtifactStore
    private var operations: [String: OperationRecord] = [:]
    private var clusters: [String: ClusterRecord] = [:]
    /// Ids known not to be ours (another driver's), so they are not looked up again.
    private var foreign: Set<String> = []

    init(store: any KeyedArtifactStore) {
        self.store = store
    }

    func operation(_ id: String) async throws -> OperationRecord? {
        if let cached = operations[id] { return cached }
        if foreign.contains(id) { return nil }
        guard let bytes = try await store.get(key: Self.operationKey(id)) else {
            if foreign.count > 10_000 { foreign.removeAll() }
            foreign.insert(id)
            return nil
        }
        let record = try JSONDecoder().decode(OperationRecord.self, from: Data(bytes))
        operations[id] = record
        return record
    }

    func save(_ record: OperationRecord) async throws {
        operations[record.id] = record
        foreign.remove(record.id)
        _ = try await store.put(key: Self.operationKey(record.id), bytes: try Self.encode(record), contentType: "application/json")
    }

    func cluster(_ uid: String) async throws -> ClusterRecord? {
        if let cached = clusters[uid] { return cached }
        guard let bytes = try await store.get(key: Self.clusterKey(uid)) else { return nil }
        let record = try JSONDecoder().decode(ClusterRecord.self, from: Data(bytes))
        clusters[uid] = record
        return record
    }

    func save(_ record: ClusterRecord) async throws {
        clusters[record.uid] = record
        _ = try await store.put(key: Self.clusterKey(record.uid), bytes: try Self.encode(record), contentType: "application/json")
    }

    /// Changes a cluster record in place; nil when there is none.
    @discardableResult
    func updateCluster(_ uid: String, _ change: @Sendable (inout ClusterRecord) -> Void) async throws -> ClusterRecord? {
        guard var record = try await cluster(uid) else { return nil }
        change(&record)
        try await save(record)
        return record
    }

    /// The regions of every cluster record this process has seen.
    func knownRegions() -> Set<String> {
        Set(clusters.values.map(\.region))
    }

    static func operationKey(_ id: String) -> String { "installer/operations/\(safe(id)).json" }
    static func clusterKey(_ uid: String) -> String { "installer/clusters/\(safe(uid)).json" }

    static func safe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return [UInt8](try encoder.encode(value))
    }
}
