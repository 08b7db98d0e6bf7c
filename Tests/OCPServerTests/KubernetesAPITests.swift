import Foundation
import OCPClient
import OCPModel
@testable import OCPServer
import Testing

/// Discovery, OpenAPI and Table answers, as Kubernetes clients ask for them, over the real HTTP stack.
@Suite("Kubernetes API surface")
struct KubernetesAPITests {
    static let aggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
    static let table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"

    static func object(_ response: RawResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "\(response.text)")
    }

    @Test("discovery: plain /apis and the resource list name every kind with its verbs, short names and the status subresource")
    func plainDiscovery() async throws {
        try await TestServer.with { server in
            let groups = try Self.object(try await server.alice.send("GET", "/apis"))
            #expect(groups["kind"] as? String == "APIGroupList")
            let group = try #require((groups["groups"] as? [[String: Any]])?.first)
            #expect(group["name"] as? String == "ocpctl.io")
            #expect((group["preferredVersion"] as? [String: Any])?["groupVersion"] as? String == "ocpctl.io/v1alpha1")

            let list = try Self.object(try await server.alice.send("GET", "/apis/ocpctl.io/v1alpha1"))
            #expect(list["kind"] as? String == "APIResourceList")
            let resources = try #require(list["resources"] as? [[String: Any]])
            let clusters = try #require(resources.first { $0["name"] as? String == "clusters" })
            #expect(clusters["kind"] as? String == "Cluster")
            #expect(clusters["namespaced"] as? Bool == true)
            #expect((clusters["verbs"] as? [String])?.contains("patch") == true)
            #expect(clusters["shortNames"] as? [String] == ["cl"])
            #expect(clusters["categories"] as? [String] == ["ocpctl"])
            #expect(resources.contains { $0["name"] as? String == "clusters/status" })
            #expect(resources.first { $0["name"] as? String == "tokens" }?["namespaced"] as? Bool == false)

            let legacy = try Self.object(try await server.alice.send("GET", "/api"))
            #expect(legacy["kind"] as? String == "APIVersions")
            #expect((legacy["versions"] as? [String])?.isEmpty == true)
        }
    }

    @Test("discovery: the aggregated form is answered with its content type when asked for, v2 and v2beta1")
    func aggregatedDiscovery() async throws {
        try await TestServer.with { server in
            for version in ["v2", "v2beta1"] {
                let accept = "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList,application/json"
                let response = try await server.alice.send("GET", "/apis", headers: [("Accept", accept)])
                #expect(response.header("Content-Type") == "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList")
                let document = try Self.object(response)
                #expect(document["apiVersion"] as? String == "apidiscovery.k8s.io/\(version)")
                let group = try #require((document["items"] as? [[String: Any]])?.first)
                let resources = try #require(((group["versions"] as? [[String: Any]])?.first?["resources"]) as? [[String: Any]])
                let clusters = try #require(resources.first { $0["resource"] as? String == "clusters" })
                #expect(clusters["scope"] as? String == "Namespaced")
                #expect((clusters["responseKind"] as? [String: Any])?["kind"] as? String == "Cluster")
                #expect(((clusters["subresources"] as? [[String: Any]])?.first?["subresource"]) as? String == "status")
                let legacy = try await server.alice.send("GET", "/api", headers: [("Accept", accept)])
                #expect(try Self.object(legacy)["items"] as? [Any] != nil)
            }
        }
    }

    @Test("discovery needs a token; /version does not and has the version.Info fields")
    func authentication() async throws {
        try await TestServer.with { server in
            #expect(try await server.client(nil).send("GET", "/apis").code == 401)
            #expect(try await server.client(nil).send("GET", "/openapi/v3").code == 401)
            let version = try Self.object(try await server.client(nil).send("GET", "/version"))
            #expect(version["gitVersion"] as? String == "vtest")
            #expect(version["major"] != nil && version["minor"] != nil && version["platform"] != nil)
            // A path nothing serves is a 404 Status (kubectl probes /api/v1/namespaces/NS before it creates).
            let missing = try await server.alice.send("GET", "/api/v1/namespaces/team-a")
            #expect(missing.code == 404 && missing.text.contains("NotFound"), "\(missing.text)")
        }
    }

    @Test("OpenAPI: v3 index points at the group document, which has every kind with its GVK; v2 also as protobuf")
    func openAPI() async throws {
        try await TestServer.with { server in
            let index = try Self.object(try await server.alice.send("GET", "/openapi/v3"))
            let entry = try #require((index["paths"] as? [String: Any])?["apis/ocpctl.io/v1alpha1"] as? [String: Any])
            let url = try #require(entry["serverRelativeURL"] as? String)
            #expect(url.hasPrefix("/openapi/v3/apis/ocpctl.io/v1alpha1?hash="))
            let document = try Self.object(try await server.alice.send("GET", url))
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            let cluster = try #require(schemas["io.ocpctl.v1alpha1.Cluster"])
            #expect((cluster["x-kubernetes-group-version-kind"] as? [[String: String]])?.first?["kind"] == "Cluster")
            let spec = try #require((cluster["properties"] as? [String: Any])?["spec"] as? [String: Any])
            let workers = try #require((spec["properties"] as? [String: Any])?["workers"] as? [String: Any])
            #expect(workers["type"] as? String == "integer")
            #expect((spec["required"] as? [String]) == ["profile"])
            let powerState = try #require((spec["properties"] as? [String: Any])?["powerState"] as? [String: Any])
            #expect(powerState["enum"] as? [String] == ["Running", "Hibernating"])
            #expect(schemas["io.ocpctl.v1alpha1.SyncSource"] != nil && schemas["io.ocpctl.v1alpha1.Token"] != nil)

            let v2 = try Self.object(try await server.alice.send("GET", "/openapi/v2"))
            #expect(v2["swagger"] as? String == "2.0")
            // kubectl 1.27 reads v2 only as protobuf; the document starts with field 1, swagger "2.0".
            let protobuf = try await server.alice.send("GET", "/openapi/v2", headers: [("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")])
            #expect(protobuf.code == 200)
            #expect(protobuf.header("Content-Type") == "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
            #expect(Array(protobuf.body.prefix(5)) == [0x0A, 0x03] + Array("2.0".utf8))
            #expect(protobuf.body.count > 1000)
            let v3Protobuf = try await server.alice.send("GET", "/openapi/v3", headers: [("Accept", "application/com.github.proto-openapi.spec.v3@v1.0+protobuf")])
            #expect(v3Protobuf.code == 406)
        }
    }

    @Test("Table: a list answers with the shared columns, wide ones at priority 1, and includeObject picks the row object")
    func table() async throws {
        try await TestServer.with { server in
            for name in ["one", "two"] {
                _ = try await server.alice.send("POST", Manifests.path("team-a"), body: Data(Manifests.cluster(name).utf8),
                                                headers: [("Content-Type", "application/yaml")])
            }
            let response = try await server.alice.send("GET", Manifests.path("team-a"), headers: [("Accept", Self.table)])
            #expect(response.code == 200)
            #expect(response.header("Content-Type") == "application/json;as=Table;v=v1;g=meta.k8s.io")
            let table = try Self.object(response)
            #expect(table["kind"] as? String == "Table" && table["apiVersion"] as? String == "meta.k8s.io/v1")
            let columns = try #require(table["columnDefinitions"] as? [[String: Any]])
            #expect(columns.map { $0["name"] as? String } == Cluster.tableColumns.map(\.name))
            #expect(columns.filter { $0["priority"] as? Int == 1 }.map { $0["name"] as? String } == ["Region", "Owner", "Infra ID", "API URL"])
            let rows = try #require(table["rows"] as? [[String: Any]])
            #expect(rows.map { ($0["cells"] as? [String])?.first } == ["one", "two"])
            let object = try #require(rows.first?["object"] as? [String: Any])
            #expect(object["kind"] as? String == "PartialObjectMetadata")
            #expect((object["metadata"] as? [String: Any])?["namespace"] as? String == "team-a")

            let full = try Self.object(try await server.alice.send("GET", Manifests.path("team-a") + "?includeObject=Object", headers: [("Accept", Self.table)]))
            #expect(((full["rows"] as? [[String: Any]])?.first?["object"] as? [String: Any])?["kind"] as? String == "Cluster")
            let bare = try Self.object(try await server.alice.send("GET", Manifests.path("team-a", "one") + "?includeObject=None", headers: [("Accept", Self.table)]))
            #expect((bare["rows"] as? [[String: Any]])?.count == 1)
            #expect((bare["rows"] as? [[String: Any]])?.first?["object"] == nil)
            let bad = try await server.alice.send("GET", Manifests.path("team-a") + "?includeObject=All", headers: [("Accept", Self.table)])
            #expect(bad.code == 400 && bad.text.contains("includeObject"))
            // A write makes a new resource version: the next Table shows it, not a kept copy of the old row.
            let patched = try await server.alice.send("PATCH", Manifests.path("team-a", "one"), body: Data(#"{"spec":{"workers":2},"metadata":{"labels":{"tier":"gold"}}}"#.utf8),
                                                      headers: [("Content-Type", "application/merge-patch+json")])
            #expect(patched.code == 200, "\(patched.text)")
            let after = try Self.object(try await server.alice.send("GET", Manifests.path("team-a") + "?includeObject=Object&labelSelector=tier%3Dgold",
                                                                    headers: [("Accept", Self.table)]))
            let afterRows = try #require(after["rows"] as? [[String: Any]])
            #expect(afterRows.count == 1)
            #expect(((afterRows.first?["object"] as? [String: Any])?["spec"] as? [String: Any])?["workers"] as? Int == 2)
            // Without the Table media type the list is the plain list, as before.
            #expect(try Self.object(try await server.alice.send("GET", Manifests.path("team-a")))["kind"] as? String == "ClusterList")
        }
    }
}
