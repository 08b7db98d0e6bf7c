import ArgumentParser
import Foundation
import OCPClient

/// `ocpctl patch cluster NAME -p '{"spec":{"workers":3}}'`: a JSON merge patch (RFC 7386).
struct PatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "patch", abstract: "Change fields of a cluster with a JSON merge patch.")

    @OptionGroup var target: ClusterArguments

    @Option(name: [.customShort("p"), .long], help: "The merge patch, e.g. '{\"spec\":{\"workers\":3}}'.")
    var patch: String

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        _ = try ClusterResource.check(target.resource)
    }

    func run() async throws {
        let client = try connection.client()
        try await reportingErrors {
            let before = try await client.getCluster(namespace: target.namespace, name: target.name)
            let after = try await client.patchCluster(namespace: target.namespace, name: target.name, mergePatch: Data(patch.utf8))
            print("cluster.ocpctl.io/\(target.name) \(after.metadata.resourceVersion == before.metadata.resourceVersion ? "unchanged" : "patched")")
        }
    }
}
