import Foundation
import OCPClient
import OCPModel
import OCPStore
import Testing

/// `?watch=true` over real HTTP: the chunked event stream kubectl, client-go and `ocpctl wait` read.
@Suite("Watch over real HTTP")
struct WatchTests {
    static func create(_ server: TestServer, _ name: String, namespace: String = "team-a", labels: [String: String]? = nil) async throws -> Cluster {
        try await server.admin.createCluster(try ResourceRouteTests.decode(Manifests.cluster(name, namespace: namespace, labels: labels)))
    }

    /// Removes the finalizer the reconciler would, so a deleted cluster goes.
    static func finishDeletion(_ server: TestServer, _ name: String, namespace: String = "team-a") async throws {
        _ = try await server.store.removeFinalizer(ClusterKey(namespace: namespace, name: name), finalizer: Cluster.finalizer, fence: nil,
                                                   now: Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
    }

    @Test("a watch from a list's resourceVersion gets ADDED, MODIFIED and DELETED in order, only for the cluster its fieldSelector names")
    func fromResourceVersion() async throws {
        try await TestServer.with { server in
            _ = try await Self.create(server, "before")
            let list = try await server.alice.listClusters(namespace: "team-a")
            let watch = server.alice.watchClusters(namespace: "team-a", name: "one", resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30)
            _ = try await Self.create(server, "other")
            let created = try await Self.create(server, "one")
            _ = try await server.alice.patchCluster(namespace: "team-a", name: "one", mergePatch: Data(#"{"spec":{"workers":2}}"#.utf8))
            _ = try await server.alice.deleteCluster(namespace: "team-a", name: "one")
            try await Self.finishDeletion(server, "one")
            let seen = try await events(watch, count: 10) { $0.summary.hasPrefix("DELETED") }
            // The patch, the request-ID stamp and the deletion request are MODIFIED events, unless the hub found the store
            // already past a change when it read it: then that change is coalesced into the next, revisions staying in order.
            let summaries = seen.map(\.summary)
            #expect(summaries.first == "ADDED one" && summaries.last == "DELETED one", "\(summaries)")
            #expect(summaries.dropFirst().dropLast().allSatisfy { $0 == "MODIFIED one" } && summaries.count <= 5, "\(summaries)")
            let versions = seen.compactMap { $0.resourceVersion.flatMap(Int64.init) }
            #expect(versions == versions.sorted() && Set(versions).count == seen.count)
            #expect(Int64(seen.first?.resourceVersion ?? "") ?? 0 >= Int64(created.metadata.resourceVersion ?? "") ?? .max)
        }
    }

    @Test("without a resourceVersion the watch starts with the current clusters as ADDED; a requester's cluster-wide watch sees only its teams")
    func initialEventsAndTenancy() async throws {
        try await TestServer.with { server in
            _ = try await Self.create(server, "a1")
            _ = try await Self.create(server, "b1", namespace: "team-b")
            let watch = server.alice.watchClusters(namespace: nil, timeoutSeconds: 30)
            let initial = try await events(watch, count: 1)
            #expect(initial.map(\.summary) == ["ADDED a1"])
            // Bob's change must not reach alice; her own next one must, and it must be the next event she sees.
            _ = try await Self.create(server, "b2", namespace: "team-b")
            _ = try await Self.create(server, "a2")
            #expect(try await events(watch, count: 1).map(\.summary) == ["ADDED a2"])
            let admin = try await events(server.admin.watchClusters(namespace: nil, timeoutSeconds: 30), count: 4)
            #expect(admin.map(\.summary) == ["ADDED a1", "ADDED a2", "ADDED b1", "ADDED b2"])
        }
    }

    @Test("alice's cluster-wide watch receives her team's change and not another team's")
    func tenancyLive() async throws {
        try await TestServer.with { server in
            let list = try await server.admin.listClusters(namespace: nil)
            let watch = server.alice.watchClusters(namespace: nil, resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30)
            _ = try await Self.create(server, "b1", namespace: "team-b")
            _ = try await Self.create(server, "a1")
            #expect(try await events(watch, count: 1).map(\.summary) == ["ADDED a1"])
            // Watching team-b's namespace is refused outright.
            await #expect(throws: ClientError.self) {
                for try await _ in server.alice.watchClusters(namespace: "team-b", timeoutSeconds: 5) {}
            }
        }
    }

    @Test("a resourceVersion older than the kept history is 410 Expired; timeoutSeconds ends the watch with a BOOKMARK at the latest revision")
    func expiredAndTimeout() async throws {
        try await TestServer.with(watchHistory: 2) { server in
            let first = try await Self.create(server, "c0")
            for index in 1...3 { _ = try await Self.create(server, "c\(index)") }
            let latest = try await server.admin.getCluster(namespace: "team-a", name: "c3")
            // The hub follows the store asynchronously: ask until it has dropped c0 and c1 from its history.
            let path = Manifests.path("team-a") + "?watch=true&timeoutSeconds=1&resourceVersion=\(first.metadata.resourceVersion ?? "")"
            var stale = try await server.admin.send("GET", path)
            let deadline = ContinuousClock.now + .seconds(20)
            while stale.code != 410, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                stale = try await server.admin.send("GET", path)
            }
            #expect(stale.code == 410)
            let status = try JSONDecoder().decode(StatusDocument.self, from: Data(stale.body))
            #expect(status.reason == .expired)
            #expect(status.message.contains("too old resource version"))
            // The client sees it as the Status it is.
            await #expect(throws: ClientError.self) {
                for try await _ in server.admin.watchClusters(namespace: "team-a", resourceVersion: first.metadata.resourceVersion, timeoutSeconds: 5) {}
            }
            // Ending at the timeout: the bookmark carries the revision to resume after, and the stream then ends.
            let started = ContinuousClock.now
            let seen = try await events(server.admin.watchClusters(namespace: "team-a", resourceVersion: latest.metadata.resourceVersion, timeoutSeconds: 1),
                                        count: 10)
            #expect(seen.map(\.summary) == ["BOOKMARK"])
            #expect(seen.first?.resourceVersion == latest.metadata.resourceVersion)
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test("bad watch and list options are 400 naming the option; fieldSelector and resourceVersionMatch work on LIST")
    func listOptions() async throws {
        try await TestServer.with { server in
            _ = try await Self.create(server, "one")
            _ = try await Self.create(server, "two")
            let base = Manifests.path("team-a")
            let named = try await server.alice.send("GET", base + "?fieldSelector=metadata.name%3Dtwo")
            #expect(try (OCPClient.decode(named) as ClusterListDocument).items.map(\.metadata.name) == ["two"])
            let others = try await server.alice.send("GET", base + "?fieldSelector=metadata.name!%3Dtwo,metadata.namespace%3Dteam-a")
            #expect(try (OCPClient.decode(others) as ClusterListDocument).items.map(\.metadata.name) == ["one"])
            let list = try await server.alice.listClusters(namespace: "team-a")
            let revision = try #require(list.metadata.resourceVersion)
            #expect(try await server.alice.send("GET", base + "?resourceVersion=\(revision)&resourceVersionMatch=Exact").code == 200)
            #expect(try await server.alice.send("GET", base + "?resourceVersion=1&resourceVersionMatch=NotOlderThan").code == 200)
            let cases: [(String, Int, String)] = [
                ("?fieldSelector=spec.workers%3D1", 400, "field label not supported: spec.workers"),
                ("?fieldSelector=metadata.name", 400, "is not FIELD=VALUE"),
                ("?resourceVersionMatch=Exact", 400, "resourceVersionMatch is forbidden unless resourceVersion is provided"),
                ("?resourceVersion=\(revision)&resourceVersionMatch=Sometimes", 400, "Unsupported value: \"Sometimes\""),
                ("?resourceVersion=1&resourceVersionMatch=Exact", 410, "too old resource version"),
                ("?resourceVersion=\(Int64(revision)! + 100)&resourceVersionMatch=NotOlderThan", 504, "Too large resource version"),
                ("?watch=maybe", 400, "watch must be true or false"),
                ("?watch=true&resourceVersion=abc", 400, "resourceVersion must be a positive integer"),
                ("?watch=true&timeoutSeconds=-1", 400, "timeoutSeconds must be a non-negative integer"),
                ("?watch=true&fieldSelector=status.phase%3DReady", 400, "field label not supported: status.phase"),
            ]
            for (query, code, message) in cases {
                let response = try await server.alice.send("GET", base + query)
                #expect(response.code == code, "\(query)")
                #expect(statusMessage(response).contains(message), "\(query): \(response.text)")
            }
            let tokens = try await server.admin.send("GET", "/apis/ocpctl.io/v1alpha1/tokens?watch=true")
            #expect(tokens.code == 405)
        }
    }

    @Test("a syncsource watch starts with the current sources and sees a new one")
    func syncSources() async throws {
        try await TestServer.with { server in
            _ = try await server.admin.createSyncSource(Self.source("first"))
            let response = Task { try await server.alice.send("GET", "/apis/ocpctl.io/v1alpha1/namespaces/team-a/syncsources?watch=true&timeoutSeconds=3") }
            try await Task.sleep(for: .milliseconds(500))
            _ = try await server.admin.createSyncSource(Self.source("second"))
            let text = try await response.value.text
            let lines = text.split(separator: "\n")
            #expect(lines.count == 2, "\(text)")
            #expect(lines.first?.contains(#""type":"ADDED""#) == true && lines.first?.contains(#""name":"first""#) == true)
            #expect(lines.last?.contains(#""type":"ADDED""#) == true && lines.last?.contains(#""name":"second""#) == true)
        }
    }

    static func source(_ name: String) -> SyncSource {
        let spec = SyncSourceSpec(repo: "https://git.example.com/team-a/clusters.git")
        return SyncSource(metadata: ObjectMeta(name: name, namespace: "team-a"), spec: spec)
    }
}
