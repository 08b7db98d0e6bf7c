/// How long to wait before retrying a key: per-key exponential backoff, and an overall token bucket; the longer wins.
///
/// The same shape as client-go's default controller rate limiter.
public struct RateLimiterConfig: Sendable, Hashable {
    /// First per-key delay; doubles with each consecutive failure.
    public var baseDelay: Double
    /// Longest per-key delay.
    public var maxDelay: Double
    /// Tokens added per second to the overall bucket.
    public var tokensPerSecond: Double
    /// Bucket size: how many retries may happen at once.
    public var burst: Double

    public init(baseDelay: Double = 0.005, maxDelay: Double = 1000, tokensPerSecond: Double = 10, burst: Double = 100) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.tokensPerSecond = tokensPerSecond
        self.burst = burst
    }
}

/// The limiter's state; the work queue holds it under its lock.
struct RateLimiter<Key: Hashable> {
    let config: RateLimiterConfig
    private var failures: [Key: Int] = [:]
    private var tokens: Double
    private var refilledAt: Double?

    init(config: RateLimiterConfig) {
        self.config = config
        tokens = config.burst
    }

    /// The delay before `key` may be retried, counting this as one more failure.
    mutating func when(_ key: Key, now: Double) -> Double {
        let count = failures[key, default: 0]
        failures[key] = count + 1
        let backoff = min(config.baseDelay * Double(1 << min(count, 40)), config.maxDelay)
        return max(backoff, reserveToken(now: now))
    }

    /// Consecutive failures of `key`.
    func failureCount(_ key: Key) -> Int { failures[key, default: 0] }

    /// Clears `key`'s failures after a success.
    mutating func forget(_ key: Key) { failures[key] = nil }

    /// Takes a token, and returns how long until it is actually available (zero when the bucket had one).
    private mutating func reserveToken(now: Double) -> Double {
        if let refilledAt {
            tokens = min(config.burst, tokens + (now - refilledAt) * config.tokensPerSecond)
        }
        refilledAt = now
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / config.tokensPerSecond
    }
}
