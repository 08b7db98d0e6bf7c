import Foundation
import OCPClient
import OCPCloud
import OCPSimCloud
import OCPModel

/// Reaction latency: from an apply being acknowledged to its create starting in the simulated cloud.
enum Reaction {
    static let namespace = "reaction"

    /// POSTs `count` new clusters at `rate` per second, one after another, noting when each answer arrived
    /// (wall clock: the server process writes the cloud's log with the same clock on the same machine).
    /// Returns the acknowledgement time of each cluster by uid.
    static func apply(client: OCPClient, count: Int, rate: Int) async throws -> [String: Double] {
        var acknowledged: [String: Double] = [:]
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<count {
            try await clock.sleep(until: start + Duration.seconds(1) / rate * index, tolerance: nil)
            let body = try ResourceEncoding.jsonData(Workload.cluster("reaction-\(index)", namespace: namespace))
            let response = try await client.send("POST", "\(Workload.base)/namespaces/\(namespace)/clusters", body: body)
            let at = Date().timeIntervalSince1970
            let created: Cluster = try OCPClient.decode(response)
            guard let uid = created.metadata.uid else { throw BenchError("POST answered without a uid") }
            acknowledged[uid] = at
        }
        return acknowledged
    }

    /// Waits until the controller has made every applied cluster Ready, so every create has started.
    static func waitUntilReady(client: OCPClient, count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            let clusters = try await client.listAllClusters(namespace: namespace)
            let ready = clusters.filter { $0.status?.conditions.isTrue(ConditionType.ready) == true }.count
            if ready == count { return }
            try await Task.sleep(for: .seconds(1))
        }
        throw BenchError("the reaction clusters did not become Ready")
    }

    /// Seconds from acknowledgement to the first create started for each cluster, read from the stopped server's cloud.
    static func latencies(dataDir: String, postgresURL: String?, acknowledged: [String: Double]) async throws -> [Double] {
        let cloud = try await SimulatedCloud.open(dataDir: dataDir, postgres: postgresURL, config: .instant)
        let log = try await cloud.log()
        try await cloud.close()
        var started: [String: Double] = [:]
        for entry in log where entry.event == "started" && entry.type == .create && started[entry.clusterUID] == nil {
            started[entry.clusterUID] = entry.at
        }
        let latencies = acknowledged.compactMap { uid, at in started[uid].map { $0 - at } }
        guard latencies.count == acknowledged.count else {
            throw BenchError("\(acknowledged.count - latencies.count) applied clusters never started a create")
        }
        return latencies
    }
}
