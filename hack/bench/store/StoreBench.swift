import OCPModel
import OCPStore

/// The store's own create, get and update-status loops.
struct StoreBench {
    let store: SQLStore
    let count: Int
    let now = Timestamp(secondsSinceEpoch: 1_800_000_000)

    static func cluster(_ name: String, namespace: String) -> Cluster {
        var spec = ClusterSpec(profile: "aws-minimal-test")
        spec.version = "4.20.3"
        spec.region = "us-east-1"
        spec.baseDomain = "\(namespace).bench.example.com"
        spec.owner = "bench@example.com"
        spec.costCenter = "sandbox"
        spec.workers = 0
        spec.powerState = .running
        spec.tags = ["env": "bench"]
        return Cluster(metadata: ObjectMeta(name: name, namespace: namespace, labels: ["purpose": "bench"]), spec: spec)
    }

    /// Each round writes its own namespace, so rounds never collide.
    func create(round: Int) async throws -> Double {
        // Built once, as the raw loop's payload is: the loop times the store, not building the request.
        var cluster = Self.cluster("c0", namespace: "bench-\(round)")
        return try await Measure.opsPerSecond(count) { index in
            cluster.metadata.name = "c\(index)"
            _ = try await store.createCluster(cluster, now: now)
        }
    }

    func get(round: Int) async throws -> Double {
        try await Measure.opsPerSecond(count) { index in
            _ = try await store.getCluster(ClusterKey(namespace: "bench-\(round)", name: "c\((index * 7919) % count)"))
        }
    }

    func updateStatus(round: Int) async throws -> Double {
        var status = ClusterStatus()
        status.phase = .running
        status.observedGeneration = 1
        status.infraID = "bench-x7k2p"
        status.apiURL = "https://api.bench.example.com:6443"
        status.workers = WorkerStatus(desired: 0, ready: 0)
        let fixed = status
        return try await Measure.opsPerSecond(count) { index in
            _ = try await store.updateClusterStatus(ClusterKey(namespace: "bench-\(round)", name: "c\(index)"), status: fixed,
                                                    resourceVersion: nil, fence: nil)
        }
    }
}
