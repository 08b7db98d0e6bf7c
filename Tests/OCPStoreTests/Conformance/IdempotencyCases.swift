import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let idempotency: [ConformanceCase] = [
        ConformanceCase("idempotency keys: new, in flight, completed, mismatch, expiry, purge") { h in
            let key = IdempotencyKey(caller: "alice", key: "k1")
            let day = h.now.adding(seconds: 86_400)
            #expect(try await h.store.beginIdempotentRequest(key, requestHash: "h1", now: h.now, expiresAt: day) == .new)
            #expect(try await h.store.beginIdempotentRequest(key, requestHash: "h1", now: h.now, expiresAt: day) == .inFlight)
            #expect(try await h.store.beginIdempotentRequest(key, requestHash: "h2", now: h.now, expiresAt: day) == .mismatch)
            // Keys are scoped to the caller.
            #expect(try await h.store.beginIdempotentRequest(IdempotencyKey(caller: "bob", key: "k1"), requestHash: "h9", now: h.now,
                                                              expiresAt: day) == .new)
            let response = IdempotentResponse(statusCode: 201, body: Array(#"{"kind":"Cluster"}"#.utf8))
            try await h.store.completeIdempotentRequest(key, response: response)
            #expect(try await h.store.beginIdempotentRequest(key, requestHash: "h1", now: h.now, expiresAt: day) == .completed(response))
            #expect(try await h.store.beginIdempotentRequest(key, requestHash: "h2", now: h.now, expiresAt: day) == .mismatch)
            await expectStoreError({ try await h.store.completeIdempotentRequest(key, response: response) }) {
                if case .conflict = $0 { true } else { false }
            }
            // Once expired, the key starts over, even with another body.
            #expect(try await h.store.beginIdempotentRequest(key, requestHash: "h2", now: day, expiresAt: day.adding(seconds: 86_400)) == .new)
            #expect(try await h.store.purgeExpiredIdempotencyKeys(now: day) == 1)
            #expect(try await h.store.purgeExpiredIdempotencyKeys(now: day.adding(seconds: 86_400)) == 1)
            #expect(try await h.store.purgeExpiredIdempotencyKeys(now: day.adding(seconds: 86_400)) == 0)
        },
        ConformanceCase("an abandoned idempotency key can be begun again") { h in
            let key = IdempotencyKey(caller: "alice", key: "k1")
            let later = h.now.adding(seconds: 60)
            #expect(try await h.store.beginIdempotentRequest(key, requestHash: "h1", now: h.now, expiresAt: later) == .new)
            try await h.store.abandonIdempotentRequest(key)
            #expect(try await h.store.beginIdempotentRequest(key, requestHash: "h1", now: h.now, expiresAt: later) == .new)
        },
        ConformanceCase("concurrent begins of one key: exactly one is new") { h in
            let key = IdempotencyKey(caller: "alice", key: "race")
            let results = try await withThrowingTaskGroup(of: IdempotencyBegin.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await h.store.beginIdempotentRequest(key, requestHash: "h", now: h.now, expiresAt: h.now.adding(seconds: 60)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 == .new }.count == 1)
            #expect(results.filter { $0 == .inFlight }.count == 5)
        },
    ]
}
