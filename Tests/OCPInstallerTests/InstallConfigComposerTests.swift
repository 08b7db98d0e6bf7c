import Foundation
import OCPAWS
@testable import OCPInstaller
import OCPLoader
import OCPModel
import Testing
import Yams

/// install-config.yaml as the installer gets it: the renderer's document with the uid tag, the request's tags and
/// overridden endpoints added.
@Suite("Install config composition")
struct InstallConfigComposerTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func compose(tags: [String: String] = [:], endpoints: [ServiceEndpoint] = []) throws -> [String: Any] {
        let catalog = try ProfileLoader.load(directory: root + "/profiles")
        var spec = ClusterSpec(profile: "aws-minimal-test")
        spec.tags = ["team": "a"]
        let cluster = Cluster(metadata: ObjectMeta(name: "demo", namespace: "team-a"), spec: spec)
        let yaml = try InstallConfigComposer.compose(
            cluster: cluster, profile: try #require(catalog["aws-minimal-test"]),
            secrets: .init(pullSecret: #"{"auths":{}}"#, sshPublicKey: "ssh-ed25519 AAAA test"), clusterUID: "uid-123",
            tags: tags, serviceEndpoints: endpoints)
        return try #require(try Yams.load(yaml: yaml) as? [String: Any])
    }

    static func aws(_ document: [String: Any]) -> [String: Any] {
        ((document["platform"] as? [String: Any])?["aws"] as? [String: Any]) ?? [:]
    }

    @Test("userTags carry the cluster uid, the profile's and cluster's tags and the request's tags")
    func userTags() throws {
        let document = try Self.compose(tags: ["ocpctl.io/namespace": "team-a", "ocpctl.io/platform": "aws", "kubernetes.io/cluster/x": "owned",
                                               "count": "3"])
        let tags = try #require(Self.aws(document)["userTags"] as? [String: Any])
        #expect(tags["ocpctl.io/cluster-uid"] as? String == "uid-123")
        #expect(tags["ocpctl.io/namespace"] as? String == "team-a")
        #expect(tags["ManagedBy"] as? String == "ocpctl")
        #expect(tags["team"] as? String == "a")
        #expect(tags["ocpctl.io/cluster"] as? String == "demo")
        #expect(tags["count"] as? String == "3", "a numeric-looking value stays a string")
        #expect(tags["kubernetes.io/cluster/x"] == nil, "the installer sets the ownership tag itself")
        #expect(Self.aws(document)["region"] as? String == "us-east-1")
        #expect(document["sshKey"] as? String == "ssh-ed25519 AAAA test")
        #expect(document["pullSecret"] as? String == #"{"auths":{}}"#)
    }

    @Test("serviceEndpoints appear only when endpoints are overridden")
    func serviceEndpoints() throws {
        #expect(Self.aws(try Self.compose())["serviceEndpoints"] == nil)
        let document = try Self.compose(endpoints: [ServiceEndpoint(name: "ec2", url: "http://127.0.0.1:5000")])
        let endpoints = try #require(Self.aws(document)["serviceEndpoints"] as? [[String: Any]])
        #expect(endpoints.count == 1)
        #expect(endpoints.first?["name"] as? String == "ec2")
        #expect(endpoints.first?["url"] as? String == "http://127.0.0.1:5000")
    }

    @Test("AWS_ENDPOINT_URL overrides every installer service; a per-service variable wins; none without overrides")
    func endpointsFromTheEnvironment() throws {
        func endpoints(_ variables: [String: String]) throws -> [ServiceEndpoint] {
            let all = variables.merging(["AWS_REGION": "us-east-2"]) { own, _ in own }
            return ServiceEndpoints.from(try AWSConfiguration.resolve(from: AWSEnvironment(variables: all)), variables: all)
        }
        #expect(try endpoints([:]).isEmpty)
        let global = try endpoints(["AWS_ENDPOINT_URL": "http://127.0.0.1:5000"])
        #expect(global.map(\.name) == ["ec2", "elasticloadbalancing", "iam", "route53", "s3", "sts", "tagging"])
        #expect(global.allSatisfy { $0.url == "http://127.0.0.1:5000" })
        let mixed = try endpoints(["AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:6000"])
        #expect(mixed.first { $0.name == "ec2" }?.url == "http://127.0.0.1:6000")
        #expect(try endpoints(["AWS_ENDPOINT_URL_EC2": "http://127.0.0.1:6000"]).map(\.name) == ["ec2"])
    }
}
