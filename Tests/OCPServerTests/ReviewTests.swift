import Foundation
import OCPClient
import OCPModel
import Testing

/// `kubectl auth whoami` and `kubectl auth can-i`: the self reviews, answered from ocpctl's roles.
@Suite("Self reviews over real HTTP")
struct ReviewTests {
    @Test("SelfSubjectReview names the caller, its teams and role, at every version kubectl asks")
    func whoami() async throws {
        try await TestServer.with { server in
            for version in ["v1", "v1beta1", "v1alpha1"] {
                let response = try await server.alice.send("POST", "/apis/authentication.k8s.io/\(version)/selfsubjectreviews",
                                                           body: Data(#"{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/\#(version)"}"#.utf8))
                #expect(response.code == 201)
                let review = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
                #expect(review?["apiVersion"] as? String == "authentication.k8s.io/\(version)")
                let user = (review?["status"] as? [String: Any])?["userInfo"] as? [String: Any]
                #expect(user?["username"] as? String == "alice@example.com")
                #expect(user?["groups"] as? [String] == ["team-a", "ocpctl:requester", "system:authenticated"])
            }
            let anonymous = try await server.alice.send("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", body: Data("{}".utf8), authenticated: false)
            #expect(anonymous.code == 401)
        }
    }

    static func canI(_ client: OCPClient, verb: String, resource: String, namespace: String?, subresource: String? = nil, group: String = "ocpctl.io") async throws -> (Bool, String) {
        var attributes: [String: Any] = ["verb": verb, "resource": resource, "group": group]
        if let namespace { attributes["namespace"] = namespace }
        if let subresource { attributes["subresource"] = subresource }
        let body = try JSONSerialization.data(withJSONObject: ["kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
                                                              "spec": ["resourceAttributes": attributes]])
        let response = try await client.send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body: body)
        #expect(response.code == 201, "\(response.text)")
        let review = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let status = review?["status"] as? [String: Any]
        return (status?["allowed"] as? Bool ?? false, status?["reason"] as? String ?? "")
    }

    @Test("SelfSubjectAccessReview answers as the RBAC rules decide", arguments: [
        ("alice-token", "create", "clusters", "team-a", nil, true),
        ("alice-token", "create", "clusters", "team-b", nil, false),
        ("alice-token", "list", "clusters", nil, nil, false),
        ("alice-token", "patch", "clusters", "team-a", "status", false),
        ("alice-token", "get", "tokens", nil, nil, false),
        ("auditor-token", "list", "clusters", nil, nil, true),
        ("auditor-token", "delete", "syncsources", "team-a", nil, false),
        ("controller-token", "update", "clusters", "team-a", "status", true),
        ("controller-token", "update", "clusters", "team-a", nil, false),
        ("admin-token", "create", "tokens", nil, nil, true),
        ("admin-token", "get", "pods", "team-a", nil, false),
    ] as [(String, String, String, String?, String?, Bool)])
    func canI(_ token: String, _ verb: String, _ resource: String, _ namespace: String?, _ subresource: String?, _ allowed: Bool) async throws {
        try await TestServer.with { server in
            let (answer, reason) = try await Self.canI(server.client(token), verb: verb, resource: resource, namespace: namespace, subresource: subresource)
            #expect(answer == allowed, "\(reason)")
            if !allowed { #expect(!reason.isEmpty) }
        }
    }

    @Test("another API group is not ours; a review without a verb is 422; non-resource reads of /version are allowed")
    func edges() async throws {
        try await TestServer.with { server in
            #expect(try await Self.canI(server.admin, verb: "get", resource: "pods", namespace: "default", group: "").0 == false)
            #expect(try await Self.canI(server.admin, verb: "get", resource: "deployments", namespace: "default", group: "apps").1.contains("only the ocpctl.io API group"))
            let noVerb = try await server.alice.send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                                                    body: Data(#"{"spec":{"resourceAttributes":{"resource":"clusters"}}}"#.utf8))
            #expect(noVerb.code == 422)
            let path = try JSONSerialization.data(withJSONObject: ["spec": ["nonResourceAttributes": ["path": "/version", "verb": "get"]]])
            let open = try await server.alice.send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body: path)
            #expect(open.text.contains(#""allowed":true"#))
        }
    }
}
