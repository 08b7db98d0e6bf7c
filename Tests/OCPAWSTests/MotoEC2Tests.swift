import Foundation
import OCPAWS
import Testing

/// EC2 and the tagging API against moto: launch tagged instances, find them, walk them through their states.
@Suite(.enabled(if: Moto.enabled, Moto.disabledReason))
struct MotoEC2Tests {
    static let image = "ami-12c6146b"

    @Test func instancesByTagThroughTheirLifecycle() async throws {
        let ec2 = try Moto.client().ec2
        let cluster = Moto.uniqueName("cluster")
        let launched = try await ec2.runInstances(imageID: Self.image, instanceType: "t3.micro", count: 2,
                                                  tags: ["ocpctl.io/cluster": cluster, "Name": "\(cluster)-master"])
        #expect(launched.count == 2)
        #expect(launched.allSatisfy { $0.tags["ocpctl.io/cluster"] == cluster && $0.id.hasPrefix("i-") })
        let ids = launched.map(\.id).sorted()
        _ = try await ec2.runInstances(imageID: Self.image, instanceType: "t3.micro", tags: ["ocpctl.io/cluster": cluster + "-other"])

        let found = try await ec2.describeInstances(filters: [.tag("ocpctl.io/cluster", cluster)])
        #expect(found.map(\.id).sorted() == ids)
        #expect(found.allSatisfy { $0.state == .running && $0.instanceType == "t3.micro" && $0.imageID == Self.image })
        #expect(found.first?.tags["Name"] == "\(cluster)-master")

        let stopping = try await ec2.stopInstances(ids)
        #expect(stopping.map(\.instanceID).sorted() == ids)
        #expect(stopping.allSatisfy { $0.previousState == .running })
        #expect(try await states(ec2, ids) == [.stopped])
        #expect(try await ec2.describeInstances(filters: [.tag("ocpctl.io/cluster", cluster), .state(.running)]).isEmpty)

        let starting = try await ec2.startInstances(ids)
        #expect(starting.allSatisfy { $0.previousState == .stopped })
        #expect(try await states(ec2, ids) == [.running])

        let terminating = try await ec2.terminateInstances(ids)
        #expect(terminating.allSatisfy { $0.previousState == .running })
        #expect(try await states(ec2, ids) == [.terminated])
    }

    @Test func createTagsAndDescribeByTagKeyAndID() async throws {
        let ec2 = try Moto.client().ec2
        let key = "ocpctl.io/\(Moto.uniqueName("owner"))"
        let instance = try #require(try await ec2.runInstances(imageID: Self.image, instanceType: "t3.small").first)
        #expect(instance.tags.isEmpty)
        try await ec2.createTags(resourceIDs: [instance.id], tags: [key: "alice", "Name": "tagged later"])
        let byKey = try await ec2.describeInstances(filters: [.tagKey(key)])
        #expect(byKey.map(\.id) == [instance.id])
        #expect(byKey.first?.tags == [key: "alice", "Name": "tagged later"])
        let byID = try await ec2.describeInstances(instanceIDs: [instance.id])
        #expect(byID.first?.tags[key] == "alice")
        _ = try await ec2.terminateInstances([instance.id])
    }

    @Test func describingAMissingInstanceIsAStructuredError() async throws {
        let ec2 = try Moto.client().ec2
        let error = await #expect(throws: AWSError.self) { try await ec2.describeInstances(instanceIDs: ["i-0123456789abcdef0"]) }
        #expect(error?.service == "ec2")
        #expect(error?.operation == "DescribeInstances")
        #expect(error?.code == "InvalidInstanceID.NotFound")
        #expect(error?.statusCode == 400)
        #expect(error?.attempts == 1)
    }

    @Test func taggingAPIFindsTheTaggedInstancesAcrossPages() async throws {
        let client = try Moto.client()
        let cluster = Moto.uniqueName("tagged")
        let launched = try await client.ec2.runInstances(imageID: Self.image, instanceType: "t3.micro", count: 3,
                                                         tags: ["ocpctl.io/cluster": cluster, "ocpctl.io/role": "worker"])
        _ = try await client.ec2.runInstances(imageID: Self.image, instanceType: "t3.micro", tags: ["ocpctl.io/cluster": "elsewhere"])

        let filter = [TagFilter(key: "ocpctl.io/cluster", values: [cluster])]
        let resources = try await client.tagging.getResources(tagFilters: filter, resourceTypes: ["ec2:instance"])
        #expect(Set(resources.compactMap { $0.arn.split(separator: "/").last.map(String.init) }) == Set(launched.map(\.id)))
        #expect(resources.allSatisfy { $0.arn.hasPrefix("arn:aws:ec2:us-east-1:") && $0.tags["ocpctl.io/role"] == "worker" })

        let first = try await client.tagging.getResourcesPage(tagFilters: filter, resourcesPerPage: 2)
        #expect(first.items.count == 2)
        #expect(first.nextToken != nil)
        let keyOnly = try await client.tagging.getResources(tagFilters: [TagFilter(key: "ocpctl.io/role")])
        #expect(Set(launched.map(\.id)).isSubset(of: Set(keyOnly.compactMap { $0.arn.split(separator: "/").last.map(String.init) })))
    }

    /// The distinct states of `ids`.
    func states(_ ec2: EC2, _ ids: [String]) async throws -> Set<EC2InstanceState> {
        Set(try await ec2.describeInstances(instanceIDs: ids).map(\.state))
    }
}
