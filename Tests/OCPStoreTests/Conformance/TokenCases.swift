import OCPModel
import OCPStore
import Testing

extension Conformance {
    static let tokens: [ConformanceCase] = [
        ConformanceCase("tokens: created, then found by the hash of their secret; the secret is never returned") { h in
            var requested = token("tok-000000000001", user: "alice@example.com", teams: ["team-a"])
            requested.status = APITokenStatus(token: "s3cret", createdBy: "admin@example.com")
            let created = try await h.store.createToken(requested, hash: hash("1"), now: h.now)
            #expect(created.metadata.creationTimestamp == h.now)
            #expect(created.status?.token == nil)
            #expect(created.status?.createdBy == "admin@example.com")

            let found = try #require(try await h.store.token(hash: hash("1")))
            #expect(found == created)
            #expect(found.identity == Identity(user: "alice@example.com", teams: ["team-a"], role: .requester))
            #expect(try await h.store.token(hash: hash("2")) == nil)
            #expect(try await h.store.countTokens() == 1)
        },
        ConformanceCase("tokens: a taken id or secret hash is refused, and the first record stays") { h in
            _ = try await h.store.createToken(token("tok-000000000001", user: "alice"), hash: hash("1"), now: h.now)
            await expectStoreError({ try await h.store.createToken(token("tok-000000000002", user: "mallory"), hash: hash("1"), now: h.now) }) {
                $0 == .alreadyExists(kind: "Token", name: "tok-000000000002", key: .tokenHash)
            }
            await expectStoreError({ try await h.store.createToken(token("tok-000000000001", user: "mallory"), hash: hash("2"), now: h.now) }) {
                $0 == .alreadyExists(kind: "Token", name: "tok-000000000001", key: .tokenID)
            }
            #expect(try await h.store.token(hash: hash("1"))?.spec.user == "alice")
            #expect(try await h.store.token(hash: hash("2")) == nil)
            #expect(try await h.store.countTokens() == 1)
        },
        ConformanceCase("tokens: the list is every record by id, with no secret") { h in
            for id in ["tok-00000000000b", "tok-00000000000a", "tok-00000000000c"] {
                var requested = token(id, user: "user-\(id)")
                requested.status = APITokenStatus(token: "secret-\(id)")
                _ = try await h.store.createToken(requested, hash: hash(id), now: h.now)
            }
            let listed = try await h.store.listTokens()
            #expect(listed.map(\.metadata.name) == ["tok-00000000000a", "tok-00000000000b", "tok-00000000000c"])
            #expect(listed.allSatisfy { $0.status?.token == nil })
            #expect(try await h.store.countTokens() == 3)
        },
        ConformanceCase("tokens: a deleted token no longer authenticates; deleting an unknown one is notFound") { h in
            _ = try await h.store.createToken(token("tok-000000000001", user: "alice"), hash: hash("1"), now: h.now)
            let deleted = try await h.store.deleteToken(id: "tok-000000000001")
            #expect(deleted.spec.user == "alice")
            #expect(try await h.store.token(hash: hash("1")) == nil)
            #expect(try await h.store.listTokens().isEmpty)
            await expectStoreError({ try await h.store.deleteToken(id: "tok-000000000001") }) {
                $0 == .notFound(kind: "Token", name: "tok-000000000001")
            }
        },
        ConformanceCase("tokens: a use is recorded at most once per granularity") { h in
            _ = try await h.store.createToken(token("tok-000000000001", user: "alice"), hash: hash("1"), now: h.now)
            #expect(try await h.store.token(hash: hash("1"))?.status?.lastUsedTimestamp == nil)
            try await h.store.touchToken(id: "tok-000000000001", at: h.now.adding(seconds: 5), granularity: 60)
            #expect(try await h.store.token(hash: hash("1"))?.status?.lastUsedTimestamp == h.now.adding(seconds: 5))
            try await h.store.touchToken(id: "tok-000000000001", at: h.now.adding(seconds: 65), granularity: 60)
            #expect(try await h.store.token(hash: hash("1"))?.status?.lastUsedTimestamp == h.now.adding(seconds: 5),
                    "a use within the granularity writes nothing")
            try await h.store.touchToken(id: "tok-000000000001", at: h.now.adding(seconds: 66), granularity: 60)
            #expect(try await h.store.token(hash: hash("1"))?.status?.lastUsedTimestamp == h.now.adding(seconds: 66))
            // A revoked token's late use is not an error: the request that used it is already answered.
            _ = try await h.store.deleteToken(id: "tok-000000000001")
            try await h.store.touchToken(id: "tok-000000000001", at: h.now.adding(seconds: 200), granularity: 60)
        },
        ConformanceCase("tokens: teams and expiry round-trip, including none") { h in
            let expires = h.now.adding(seconds: 3600)
            _ = try await h.store.createToken(
                token("tok-000000000001", user: "alice", teams: ["team-b", "team-a"], expires: expires), hash: hash("1"), now: h.now)
            _ = try await h.store.createToken(token("tok-000000000002", user: "bob", teams: [], role: .auditor), hash: hash("2"), now: h.now)
            _ = try await h.store.createToken(token("tok-000000000003", user: "carol", role: .admin), hash: hash("3"), now: h.now)

            let alice = try #require(try await h.store.token(hash: hash("1")))
            #expect(alice.spec == APITokenSpec(user: "alice", teams: ["team-b", "team-a"], role: .requester, expirationTimestamp: expires))
            #expect(!alice.isExpired(at: expires.adding(seconds: -1)))
            #expect(alice.isExpired(at: expires))
            #expect(try await h.store.token(hash: hash("2"))?.spec == APITokenSpec(user: "bob", teams: [], role: .auditor))
            let carol = try #require(try await h.store.token(hash: hash("3")))
            #expect(carol.spec == APITokenSpec(user: "carol", teams: nil, role: .admin))
            #expect(!carol.isExpired(at: h.now.adding(seconds: 100 * 365 * 86_400)))
        },
    ]

    /// A token record for tests.
    static func token(_ id: String, user: String, teams: [String]? = nil, role: Role = .requester, expires: Timestamp? = nil) -> APIToken {
        APIToken(metadata: ObjectMeta(name: id), spec: APITokenSpec(user: user, teams: teams, role: role, expirationTimestamp: expires))
    }

    /// A stand-in for a secret's SHA-256: 64 lowercase hex digits, distinct per seed.
    static func hash(_ seed: String) -> String {
        let hex = seed.utf8.map { String($0, radix: 16) }.joined()
        return String(repeating: "0", count: 64 - hex.count) + hex
    }
}
