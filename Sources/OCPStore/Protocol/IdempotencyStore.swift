public import OCPModel

/// Idempotency-Key bookkeeping: begin, complete or abandon, purge.
public protocol IdempotencyStore: Sendable {
    /// Claims the key for a request with this body hash, or reports what an earlier use left.
    func beginIdempotentRequest(_ key: IdempotencyKey, requestHash: String, now: Timestamp, expiresAt: Timestamp) async throws -> IdempotencyBegin

    /// Stores the response of the request that began with `.new`.
    func completeIdempotentRequest(_ key: IdempotencyKey, response: IdempotentResponse) async throws

    /// Forgets an in-flight key whose request failed before producing a response worth replaying.
    func abandonIdempotentRequest(_ key: IdempotencyKey) async throws

    /// Deletes records expired at `now`; returns how many. With a fence, only while the fence still holds its lease.
    func purgeExpiredIdempotencyKeys(now: Timestamp, fence: LeaseFence?) async throws -> Int
}

extension IdempotencyStore {
    /// Deletes records expired at `now`, unfenced.
    public func purgeExpiredIdempotencyKeys(now: Timestamp) async throws -> Int {
        try await purgeExpiredIdempotencyKeys(now: now, fence: nil)
    }
}
