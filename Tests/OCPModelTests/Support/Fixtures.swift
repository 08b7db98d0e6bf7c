import Foundation
import OCPLoader
import OCPModel

/// Paths and builders shared by the model tests.
enum Fixtures {
    /// The repository root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    /// The repository's profiles, loaded and validated once.
    static let catalog: ProfileCatalog = {
        do {
            return try ProfileLoader.load(directory: path("profiles"))
        } catch {
            fatalError("profiles failed to load: \(error)")
        }
    }()

    static var minimalProfile: Profile { catalog["aws-minimal-test"]! }
    static var standardProfile: Profile { catalog["aws-standard"]! }

    static let created = Timestamp(rfc3339: "2026-11-21T10:00:00Z")!

    /// A stored-looking cluster on aws-minimal-test: generation 1, created at `created`, finalizer set.
    static func cluster(
        name: String = "team-a-test-01", workers: Int? = nil, ttl: String? = nil,
        powerState: PowerState? = nil, generation: Int64 = 1, status: ClusterStatus? = nil
    ) -> Cluster {
        var metadata = ObjectMeta(name: name, namespace: "team-a")
        metadata.uid = "uid-\(name)"
        metadata.generation = generation
        metadata.resourceVersion = "1"
        metadata.creationTimestamp = created
        metadata.finalizers = [Cluster.finalizer]
        var spec = ClusterSpec(profile: "aws-minimal-test")
        spec.workers = workers
        spec.ttl = ttl.flatMap(TTLDuration.init)
        spec.powerState = powerState
        return Cluster(metadata: metadata, spec: spec, status: status)
    }

    /// A fully installed, powered-on cloud cluster.
    static func installed(_ infraID: String, workers: Int = 0, poweredOn: Bool = true) -> ObservedCluster {
        ObservedCluster(infraID: infraID, installed: true, poweredOn: poweredOn, controlPlaneReady: 3,
                        workersReady: workers, resourceCount: 10 + workers)
    }

    static func time(plusSeconds seconds: Int64) -> Timestamp { created.adding(seconds: seconds) }
}
