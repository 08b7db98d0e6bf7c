import Foundation
import OCPClient
import OCPModel
import OCPStore
import Testing

/// PATCH and DELETE as kubectl sends them: JSON patch, merge patch with last-applied-configuration,
/// fieldValidation with Warning headers, and DeleteOptions.
@Suite("Patch and delete as kubectl makes them")
struct PatchTests {
    static func patch(_ server: TestServer, _ body: String, type: String, query: String = "", name: String = "one") async throws -> RawResponse {
        try await server.alice.send("PATCH", Manifests.path("team-a", name) + query, body: Data(body.utf8), headers: [("Content-Type", type)])
    }

    @Test("a JSON patch (RFC 6902) applies add, replace, remove and a passing test; a failing test is 422 and changes nothing")
    func jsonPatch() async throws {
        try await TestServer.with { server in
            _ = try await WatchTests.create(server, "one", labels: ["purpose": "ci"])
            let ops = #"[{"op":"test","path":"/spec/profile","value":"aws-minimal-test"},{"op":"add","path":"/spec/workers","value":2},"#
                + #"{"op":"add","path":"/metadata/labels/tier~1x","value":"gold"},{"op":"remove","path":"/metadata/labels/purpose"},"#
                + #"{"op":"replace","path":"/spec/costCenter","value":"cc-7"}]"#
            let response = try await Self.patch(server, ops, type: "application/json-patch+json")
            #expect(response.code == 200, "\(response.text)")
            let patched: Cluster = try OCPClient.decode(response)
            #expect(patched.spec.workers == 2)
            #expect(patched.spec.costCenter == "cc-7")
            #expect(patched.metadata.labels == ["tier/x": "gold"])

            let before = try await server.snapshot()
            let failing = try await Self.patch(server, #"[{"op":"replace","path":"/spec/workers","value":3},{"op":"test","path":"/spec/workers","value":1}]"#,
                                               type: "application/json-patch+json")
            #expect(failing.code == 422)
            #expect(failing.text.contains("test failed"))
            for (body, code, message) in [(#"{"op":"add"}"#, 400, "JSON array"), (#"[{"op":"jump","path":"/spec"}]"#, 400, "unknown op \"jump\""),
                                          (#"[{"op":"remove","path":"/spec/nothing"}]"#, 422, "no member \"nothing\""),
                                          (#"[{"op":"add","path":"spec/workers","value":1}]"#, 400, "must be empty or start with /"),
                                          (#"[{"op":"add","path":"/spec/workers"}]"#, 400, "needs \"value\"")] {
                let refused = try await Self.patch(server, body, type: "application/json-patch+json")
                #expect(refused.code == code, "\(body)")
                #expect(statusMessage(refused).contains(message), "\(body): \(refused.text)")
            }
            #expect(try await server.snapshot() == before)
        }
    }

    @Test("strategic merge patch is 415 as kube answers it for custom resources, listing the accepted types")
    func strategicMergePatch() async throws {
        try await TestServer.with { server in
            _ = try await WatchTests.create(server, "one")
            let response = try await Self.patch(server, #"{"spec":{"workers":2}}"#, type: "application/strategic-merge-patch+json")
            #expect(response.code == 415)
            let status = try JSONDecoder().decode(StatusDocument.self, from: Data(response.body))
            #expect(status.reason == .unsupportedMediaType)
            #expect(status.message.contains("application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"))
        }
    }

    @Test("client-side apply's last-applied-configuration annotation round-trips through create and merge patch")
    func lastAppliedConfiguration() async throws {
        try await TestServer.with { server in
            let key = "kubectl.kubernetes.io/last-applied-configuration"
            let applied = #"{"apiVersion":"ocpctl.io/v1alpha1","kind":"Cluster","metadata":{"name":"one","namespace":"team-a"},"spec":{"profile":"aws-minimal-test"}}"#
            var cluster = try ResourceRouteTests.decode(Manifests.cluster("one"))
            cluster.metadata.annotations = [key: applied]
            let created = try await server.alice.createCluster(cluster)
            #expect(created.metadata.annotations?[key] == applied)
            let next = #"{"spec":{"workers":2}}"#
            let patch = try JSONSerialization.data(withJSONObject: ["metadata": ["annotations": [key: next]], "spec": ["workers": 2]])
            let patched = try await server.alice.patchCluster(namespace: "team-a", name: "one", mergePatch: patch)
            #expect(patched.metadata.annotations?[key] == next)
            #expect(try await server.alice.getCluster(namespace: "team-a", name: "one").metadata.annotations?[key] == next)
        }
    }

    @Test("fieldValidation: Strict refuses an unknown field (422), Warn drops it with a Warning header, Ignore drops it silently")
    func fieldValidation() async throws {
        try await TestServer.with { server in
            _ = try await WatchTests.create(server, "one")
            let body = #"{"spec":{"workers":2,"foo":1}}"#
            let strict = try await Self.patch(server, body, type: "application/merge-patch+json", query: "?fieldValidation=Strict")
            #expect(strict.code == 422)
            #expect(strict.text.contains("foo"))
            let byDefault = try await Self.patch(server, body, type: "application/merge-patch+json")
            #expect(byDefault.code == 422)

            let warn = try await Self.patch(server, body, type: "application/merge-patch+json", query: "?fieldValidation=Warn")
            #expect(warn.code == 200, "\(warn.text)")
            #expect(warn.header("Warning") == #"299 - "unknown field \"spec.foo\"""#)
            #expect(try (OCPClient.decode(warn) as Cluster).spec.workers == 2)

            let ignore = try await Self.patch(server, #"{"spec":{"workers":3,"foo":1},"bar":{"x":1}}"#, type: "application/merge-patch+json",
                                              query: "?fieldValidation=Ignore")
            #expect(ignore.code == 200, "\(ignore.text)")
            #expect(ignore.header("Warning") == nil)
            #expect(try (OCPClient.decode(ignore) as Cluster).spec.workers == 3)

            let created = try await server.alice.send("POST", Manifests.path("team-a") + "?fieldValidation=Warn",
                                                      body: Data(Manifests.cluster("two").replacingOccurrences(of: "  costCenter: sandbox", with: "  costCenter: sandbox\n  flavour: large").utf8),
                                                      headers: [("Content-Type", "application/yaml")])
            // Fields are trimmed from JSON bodies (what kubectl sends); a YAML body with one is still refused, naming it.
            #expect(created.code == 422)
            #expect(created.text.contains("flavour"))

            let bad = try await Self.patch(server, body, type: "application/merge-patch+json", query: "?fieldValidation=Loose")
            #expect(bad.code == 400)
            #expect(statusMessage(bad).contains(#"supported values: "Ignore", "Strict", "Warn""#))
        }
    }

    @Test("DELETE with DeleteOptions: a uid or resourceVersion precondition that does not hold is 409, a bad policy 400, a body dry run changes nothing")
    func deleteOptions() async throws {
        try await TestServer.with { server in
            let created = try await WatchTests.create(server, "one")
            let path = Manifests.path("team-a", "one")
            let before = try await server.snapshot()
            let cases: [(String, Int, String)] = [
                (#"{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"not-the-uid"}}"#, 409, "UID in precondition: not-the-uid"),
                (#"{"preconditions":{"resourceVersion":"999"}}"#, 409, "ResourceVersion in precondition: 999"),
                (#"{"propagationPolicy":"Sideways"}"#, 400, "propagationPolicy: Unsupported value: \"Sideways\""),
                (#"{"kind":"Pod"}"#, 400, "kind DeleteOptions"),
                (#"not json"#, 400, "not a DeleteOptions document"),
                (#"{"dryRun":["Some"]}"#, 400, "unsupported dryRun value"),
            ]
            for (body, code, message) in cases {
                let response = try await server.alice.send("DELETE", path, body: Data(body.utf8))
                #expect(response.code == code, "\(body)")
                #expect(statusMessage(response).contains(message), "\(body): \(response.text)")
            }
            let dryRun = try await server.alice.send("DELETE", path, body: Data(#"{"dryRun":["All"],"propagationPolicy":"Background"}"#.utf8))
            #expect(dryRun.code == 200)
            #expect(try await server.snapshot() == before)

            let body = #"{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground","preconditions":{"uid":"\#(created.metadata.uid ?? "")","resourceVersion":"\#(created.metadata.resourceVersion ?? "")"}}"#
            let deleted = try await server.alice.send("DELETE", path, body: Data(body.utf8))
            #expect(deleted.code == 200, "\(deleted.text)")
            #expect(try (OCPClient.decode(deleted) as Cluster).metadata.deletionTimestamp != nil)
        }
    }
}
