// Benchmarks the pure model on one thread: planner decisions per second and manifest documents decoded per second.
// Run with hack/bench/model.sh (a release build, pinned to one core).
import Foundation
import OCPModel

let rounds = 7

/// Runs `body` `rounds` times and returns the median rate in operations per second.
func medianRate(operations: Int, _ body: () -> Int) -> (rate: Double, checksum: Int) {
    var rates: [Double] = []
    var checksum = 0
    let clock = ContinuousClock()
    for _ in 0..<rounds {
        let elapsed = clock.measure { checksum &+= body() }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rates.append(Double(operations) / seconds)
    }
    rates.sort()
    return (rates[rates.count / 2], checksum)
}

func format(_ rate: Double) -> String {
    String(format: "%12.0f", rate)
}

let profileText = try String(contentsOfFile: "profiles/aws-minimal-test.yaml", encoding: .utf8)
let profile = try StrictYAML.decode(Profile.self, from: profileText)
let created = Timestamp(rfc3339: "2026-11-21T10:00:00Z")!

func cluster(_ name: String, workers: Int, generation: Int64) -> Cluster {
    var metadata = ObjectMeta(name: name, namespace: "team-a", labels: ["purpose": "ci"])
    metadata.uid = "uid-\(name)"
    metadata.generation = generation
    metadata.creationTimestamp = created
    metadata.finalizers = [Cluster.finalizer]
    var spec = ClusterSpec(profile: "aws-minimal-test")
    spec.workers = workers
    return Cluster(metadata: metadata, spec: spec)
}

// A mix of decisions: a stable no-op (the common case), a new cluster, a scale and an install in progress.
var inputs: [PlanInput] = []
for index in 0..<64 {
    let name = "bench-\(index)"
    let infraID = InfraID.make(name: name, uid: "uid-\(name)")
    var stable = cluster(name, workers: 1, generation: 1)
    let observed = ObservedCluster(infraID: infraID, installed: true, controlPlaneReady: 3, workersReady: 1, resourceCount: 11)
    stable.status = Planner.plan(PlanInput(cluster: stable, profile: profile, observed: observed, operation: nil, now: created.adding(seconds: 60))).status
    let now = created.adding(seconds: 3600)
    switch index % 4 {
    case 0, 1:
        inputs.append(PlanInput(cluster: stable, profile: profile, observed: observed, operation: nil, now: now))
    case 2:
        inputs.append(PlanInput(cluster: cluster(name, workers: 0, generation: 1), profile: profile, observed: nil, operation: nil, now: now))
    default:
        var scaled = stable
        scaled.spec.workers = 3
        scaled.metadata.generation = 2
        inputs.append(PlanInput(cluster: scaled, profile: profile, observed: observed, operation: nil, now: now))
    }
}

let decisions = 400_000
let planner = medianRate(operations: decisions) {
    // Through a buffer pointer so the loop borrows each input instead of copying it out of the array.
    inputs.withUnsafeBufferPointer { buffer in
        var acted = 0
        for index in 0..<decisions where Planner.plan(buffer[index & 63]).action != nil {
            acted &+= 1
        }
        return acted
    }
}

let document = try String(contentsOfFile: "manifests/standard.yaml", encoding: .utf8)
let documentCount = 2_000
let stream = Array(repeating: document, count: documentCount).joined(separator: "---\n")
let decoding = medianRate(operations: documentCount) {
    var decoded = 0
    for case .success in ManifestParser.parse(stream, source: "bench.yaml") { decoded &+= 1 }
    return decoded
}
let catalog = ProfileCatalog([profile, try StrictYAML.decode(Profile.self, from: String(contentsOfFile: "profiles/aws-standard.yaml", encoding: .utf8))])
let validating = medianRate(operations: documentCount) {
    ValidatedManifests(ManifestParser.parse(stream, source: "bench.yaml"), profiles: catalog).valid.count
}

print("ocpctl model benchmark (one thread, median of \(rounds) rounds)")
print("planner decisions/s        \(format(planner.rate))   target >= 1,000,000   (checksum \(planner.checksum))")
print("documents decoded/s        \(format(decoding.rate))   target >=    10,000   (checksum \(decoding.checksum))")
print("documents decoded+checked/s\(format(validating.rate))   (decode, default, policy)")
