/// Bounded retries with full-jitter exponential backoff; the sleep and the random source are injectable for tests.
public struct AWSRetryPolicy: Sendable {
    /// The most attempts for one call, the first included.
    public var maxAttempts: Int
    /// The backoff ceiling of the first retry.
    public var baseDelay: Duration
    /// The largest backoff ceiling.
    public var maxDelay: Duration
    /// Waits; `Task.sleep` by default.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A uniform random number in `0..<1`.
    public var random: @Sendable () -> Double

    /// Creates a policy.
    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(20),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.sleep = sleep
        self.random = random
    }

    /// The wait before retry number `retry` (1 for the first): uniform in `0...min(maxDelay, baseDelay * 2^(retry-1))`.
    public func delay(beforeRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let fraction = min(max(random(), 0), 1)
        return .nanoseconds(Int64((Double(ceiling.nanoseconds) * fraction).rounded()))
    }
}
