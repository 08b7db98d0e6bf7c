import OCPModel
import OCPStore
import Testing

/// One behaviour every backend must show, run against a fresh store.
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    let name: String
    let body: @Sendable (Harness) async throws -> Void

    init(_ name: String, _ body: @escaping @Sendable (Harness) async throws -> Void) {
        self.name = name
        self.body = body
    }

    var testDescription: String { name }
}

/// What a conformance case gets: the store, where it lives, and a fixed clock.
struct Harness: Sendable {
    let backend: TestBackend
    let store: SQLStore
    let location: StoreLocation

    /// The injected "now" every case starts from; cases move it by hand, never by sleeping.
    static let now = Timestamp(secondsSinceEpoch: 1_800_000_000)
    var now: Timestamp { Self.now }
}

/// The whole conformance suite, one list for every backend.
enum Conformance {
    static let all: [ConformanceCase] = clusters + writes + deletion + listing + history + idempotency + leases + watch + migrations
        + syncSources + tokens + sqlText + quotas + events

    static func run(_ testCase: ConformanceCase, on backend: TestBackend) async throws {
        try await TestDatabases.withFreshStore(backend, now: Harness.now) { store, location in
            try await testCase.body(Harness(backend: backend, store: store, location: location))
        }
    }

    /// A valid cluster for tests.
    static func cluster(_ name: String, namespace: String = "team-a", baseDomain: String = "labs.example.com",
                        labels: [String: String]? = nil, workers: Int = 0) -> Cluster {
        var spec = ClusterSpec(profile: "aws-minimal-test")
        spec.version = "4.20.3"
        spec.region = "us-east-1"
        spec.baseDomain = baseDomain
        spec.owner = "alice@example.com"
        spec.workers = workers
        spec.tags = ["env": "dev"]
        return Cluster(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels), spec: spec)
    }
}

/// Asserts that `body` throws the `StoreError` matched by `matches`.
func expectStoreError<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation,
                         _ matches: (StoreError) -> Bool) async {
    do {
        _ = try await body()
        Issue.record("expected a StoreError, but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as StoreError {
        #expect(matches(error), "unexpected \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a StoreError, got \(String(reflecting: error))", sourceLocation: sourceLocation)
    }
}
