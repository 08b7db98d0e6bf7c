import Foundation
import OCPCloud
import OCPController
import OCPModel
import OCPRuntime
import OCPSimCloud
import OCPStore
import Testing

/// Drivers are chosen per profile platform; a platform with no driver is refused, not guessed.
@Suite("Cloud drivers per platform")
struct CloudDriverRoutingTests {
    @Test("a cluster whose platform has no driver gets Accepted=False NoCloudDriver, and the cloud is never asked")
    func noDriver() async throws {
        try await Harness.run(try await Backend.sqlite.freshLocation(),
                              clouds: CloudChoices(byPlatform: ["ibmcloud": .simulated])) { h in
            try await h.apply("alpha")
            try await h.eventually("alpha", "refused") { $0.status?.conditions.condition(ConditionType.accepted)?.reason == Reason.noCloudDriver }
            let cluster = try #require(try await h.cluster("alpha"))
            let accepted = try #require(cluster.status?.conditions.condition(ConditionType.accepted))
            #expect(accepted.status == .false)
            #expect(accepted.message == "no cloud driver for platform \"aws\": this control plane drives ibmcloud")
            #expect(cluster.status?.phase == .pending)
            #expect(try await h.store.listOperations(clusterUID: cluster.metadata.uid!).isEmpty)
            #expect(try await h.cloud.resources(taggedWith: CloudTags.clusterUID, value: nil).isEmpty)
        }
    }

    @Test("calls about a cluster go to its platform's driver; operations and tags are found in every driver")
    func routing() async throws {
        let directories = (0..<2).map { _ in FileManager.default.temporaryDirectory.appendingPathComponent("ocpctl-route-\(UUID().uuidString)").path }
        defer { directories.forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let aws = try await SimulatedCloud.open(directory: directories[0], config: .instant)
        let other = try await SimulatedCloud.open(directory: directories[1], config: .instant)
        let drivers = CloudDrivers([(platforms: ["aws"], driver: aws), (platforms: ["ibmcloud"], driver: other)])
        let target = CloudTarget(clusterUID: "uid-1", infraID: "alpha-abcde", platform: "ibmcloud")
        let request = CloudOperationRequest(id: "op-1", type: .create, target: target, name: "alpha", baseDomain: "example.com",
                                            region: "us-south", workers: 1)
        _ = try await drivers.start(request)
        #expect(try await other.operation(id: "op-1") != nil)
        #expect(try await aws.operation(id: "op-1") == nil)
        #expect(try await drivers.operation(id: "op-1")?.type == .create)
        #expect(try await drivers.resources(taggedWith: CloudTags.clusterUID, value: "uid-1").isEmpty == false)
        #expect(drivers.unavailableReason(platform: "aws") == nil)
        #expect(drivers.unavailableReason(platform: "gcp") != nil)
        await #expect(throws: CloudDriverMissing.self) {
            _ = try await drivers.observe(CloudTarget(clusterUID: "uid-2", infraID: "beta-abcde", platform: "gcp"))
        }
        try await aws.close()
        try await other.close()
    }
}
