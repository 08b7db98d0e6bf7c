import OCPAWS
public import OCPCloud
import Foundation

/// The janitor's orphan sweep: resources by tag in every region this driver knows, deleted by id.
extension InstallerDriver {
    public func resources(taggedWith key: String, value: String?) async throws -> [CloudResource] {
        var regions = await state.knownRegions()
        if let region = try? aws.configuration(region: nil).region { regions.insert(region) }
        var found: [CloudResource] = []
        for region in regions.sorted() {
            let inventory = try await ClusterInventory.load(try await aws.client(region: region), key: key, value: value)
            found += inventory.instances.map { instance in
                CloudResource(id: "arn:aws:ec2:\(region)::instance/\(instance.id)", kind: Self.kind(instance), name: instance.tags["Name"] ?? instance.id,
                              infraID: Self.infraID(instance.tags), state: instance.state.name, tags: instance.tags)
            }
            found += inventory.others.map { resource in
                let (type, id) = ClusterInventory.arnParts(resource.arn)
                return CloudResource(id: resource.arn, kind: Self.kind(type), name: resource.tags["Name"] ?? id, infraID: Self.infraID(resource.tags),
                                     state: "available", tags: resource.tags)
            }
        }
        swept.withLock { known in
            for resource in found { known[resource.id] = resource }
        }
        return found
    }

    /// Terminates instances at once; for anything else, queues a tag-based destroy of its infraID.
    public func deleteResources(ids: [String]) async throws {
        let known = swept.withLock { $0 }
        var instances: [String: [String]] = [:]
        var infraIDs: Set<String> = []
        for id in ids where id.hasPrefix("arn:aws:") {
            let region = id.split(separator: ":", omittingEmptySubsequences: false).dropFirst(3).first.map(String.init) ?? ""
            let (type, resourceID) = ClusterInventory.arnParts(id)
            if type == "instance" {
                instances[region, default: []].append(resourceID)
            }
            if type != "instance", let infraID = known[id]?.infraID, !infraID.isEmpty {
                infraIDs.insert("\(region)/\(infraID)")
            }
        }
        for (region, ids) in instances {
            _ = try await aws.client(region: region).ec2.terminateInstances(ids)
        }
        for entry in infraIDs.sorted() {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, orphanDestroys.withLock({ $0.insert(parts[1]).inserted }) else { continue }
            queue.yield(.orphans(infraID: parts[1], region: parts[0]))
        }
    }

    static func infraID(_ tags: [String: String]) -> String {
        let prefix = "kubernetes.io/cluster/"
        return tags.keys.filter { $0.hasPrefix(prefix) }.sorted().first.map { String($0.dropFirst(prefix.count)) } ?? ""
    }

    static func kind(_ instance: EC2Instance) -> ResourceKind {
        switch ClusterInventory.role(instance) {
        case .bootstrap: .bootstrapInstance
        case .controlPlane: .controlPlaneInstance
        case .worker: .workerInstance
        }
    }

    static func kind(_ arnType: String) -> ResourceKind {
        switch arnType {
        case "subnet": .subnet
        case "loadbalancer", "targetgroup": .loadBalancer
        case "hostedzone": .dnsRecord
        default: .vpc
        }
    }
}
