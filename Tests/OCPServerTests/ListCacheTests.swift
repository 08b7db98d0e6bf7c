import Foundation
import OCPClient
import OCPModel
import OCPStore
import Synchronization
import Testing

/// List answers are reused only while nothing was written: a repeat within the second may be served from the
/// cache, but a create, a status write or a deletion in between is always seen, and each caller sees its own.
@Suite("List answers kept by revision")
struct ListCacheTests {
    static let table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"

    @Test("every write in between is seen, in JSON and as a Table, and a cluster-wide list is per caller")
    func writesAreSeen() async throws {
        try await TestServer.with { server in
            _ = try await WatchTests.create(server, "c1")
            _ = try await WatchTests.create(server, "b1", namespace: "team-b")
            let path = Manifests.path("team-a")
            func names(_ client: OCPClient, _ path: String = Manifests.path("team-a")) async throws -> [String] {
                let list = try JSONDecoder().decode(ClusterListDocument.self, from: Data(try await client.send("GET", path).body))
                return list.items.map(\.metadata.name)
            }
            func rows(_ client: OCPClient) async throws -> Int {
                let response = try await client.send("GET", path, headers: [("Accept", Self.table)])
                return String(decoding: response.body, as: UTF8.self).components(separatedBy: "\"cells\"").count - 1
            }
            // Repeats back to back, so that most fall in one second and the cache answers them.
            for index in 2...6 {
                #expect(try await names(server.alice) == (1..<index).map { "c\($0)" })
                #expect(try await rows(server.alice) == index - 1)
                _ = try await WatchTests.create(server, "c\(index)")
                #expect(try await names(server.alice) == (1...index).map { "c\($0)" })
                #expect(try await rows(server.alice) == index)
            }
            // A status write by the controller is a write like any other.
            var status = ClusterStatus()
            status.phase = .running
            _ = try await server.store.updateClusterStatus(ClusterKey(namespace: "team-a", name: "c1"), status: status, resourceVersion: nil, fence: nil)
            let listed = try JSONDecoder().decode(ClusterListDocument.self, from: Data(try await server.alice.send("GET", path).body))
            #expect(listed.items.first?.status?.phase == .running)
            // Deleted and gone.
            _ = try await server.alice.send("DELETE", path + "/c2")
            try await WatchTests.finishDeletion(server, "c2")
            #expect(try await names(server.alice).contains("c2") == false)
            // The cluster-wide list is the caller's: alice's answer is never bob's or the admin's.
            let all = "/apis/ocpctl.io/v1alpha1/clusters"
            for _ in 0..<3 {
                #expect(try await names(server.alice, all).allSatisfy { $0.hasPrefix("c") })
                #expect(try await names(server.bob, all) == ["b1"])
                #expect(try await names(server.admin, all).contains("b1"))
            }
        }
    }

    @Test("a Table is never reused once its second has passed: its ages move with the clock, though nothing was written")
    func tableAgesMove() async throws {
        let clock = Mutex<Int64>(1_800_000_000)
        try await TestServer.with(now: { Timestamp(secondsSinceEpoch: clock.withLock { $0 }) }) { server in
            _ = try await WatchTests.create(server, "c1")
            func table() async throws -> String {
                String(decoding: try await server.alice.send("GET", Manifests.path("team-a"), headers: [("Accept", Self.table)]).body, as: UTF8.self)
            }
            let first = try await table()
            #expect(try await table() == first)
            clock.withLock { $0 += 90 }
            let later = try await table()
            #expect(later != first && later.contains("\"90s\""), "the age cell moved by 90 s: \(later.prefix(600))")
        }
    }
}
