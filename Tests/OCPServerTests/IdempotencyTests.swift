import Foundation
import OCPClient
import OCPModel
import Testing

@Suite("Idempotency-Key")
struct IdempotencyTests {
    @Test("50 concurrent POSTs with one key make exactly one cluster and get identical responses")
    func concurrentPosts() async throws {
        try await TestServer.with { server in
            let body = Data(Manifests.cluster("once").utf8)
            let responses = try await withThrowingTaskGroup(of: RawResponse.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await server.alice.send("POST", Manifests.path("team-a"), body: body, headers: [("Idempotency-Key", "create-once")])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.count == 50)
            #expect(Set(responses.map(\.code)) == [201])
            #expect(Set(responses.map(\.body)).count == 1)
            #expect(responses.filter { $0.header("Idempotent-Replayed") == "true" }.count == 49)
            let clusters = try await server.store.listClusters(.init()).items
            #expect(clusters.map(\.metadata.name) == ["once"])
            let audit = try await server.admin.auditEvents().filter { $0.verb == "create" }
            #expect(audit.count == 1)
        }
    }

    @Test("the same key with another body is 422 and changes nothing; keys are scoped to the caller")
    func otherBody() async throws {
        try await TestServer.with { server in
            let first = try await server.alice.send("POST", Manifests.path("team-a"), body: Data(Manifests.cluster("one").utf8),
                                                    headers: [("Idempotency-Key", "k1")])
            #expect(first.code == 201)
            let before = try await server.snapshot()
            let other = try await server.alice.send("POST", Manifests.path("team-a"), body: Data(Manifests.cluster("two").utf8),
                                                    headers: [("Idempotency-Key", "k1")])
            #expect(other.code == 422)
            #expect(other.text.contains("already used with a different request"))
            #expect(try await server.snapshot() == before)
            // Another caller's identical key is its own.
            let bobs = try await server.bob.send("POST", Manifests.path("team-b"), body: Data(Manifests.cluster("two", namespace: "team-b").utf8),
                                                 headers: [("Idempotency-Key", "k1")])
            #expect(bobs.code == 201)
        }
    }

    @Test("a rejected request is replayed as rejected, in the same words")
    func replayedFailure() async throws {
        try await TestServer.with { server in
            let bad = Data((Manifests.cluster("one") + "  workers: 99\n").utf8)
            let first = try await server.alice.send("POST", Manifests.path("team-a"), body: bad, headers: [("Idempotency-Key", "bad")])
            let second = try await server.alice.send("POST", Manifests.path("team-a"), body: bad, headers: [("Idempotency-Key", "bad")])
            #expect(first.code == 422)
            #expect(second.code == 422)
            #expect(first.body == second.body)
        }
    }
}
