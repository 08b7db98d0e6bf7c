import ArgumentParser
import Foundation
import OCPClient
import OCPModel

/// `ocpctl extend cluster/NAME --by 24h`: a longer TTL, within the profile's maximum from creation.
struct ExtendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extend",
        abstract: "Lengthen a cluster's TTL, up to its profile's lifecycle.maxTTLHours counted from creation.")

    @OptionGroup var cluster: ClusterReferenceArguments

    @Option(help: "How much longer, e.g. 90m, 24h, 2d.")
    var by: String

    @Flag(name: .customLong("dry-run"), help: "Check the extension on the server without storing it.")
    var dryRun = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        _ = try cluster.name()
        guard let duration = TTLDuration(by), duration.seconds > 0 else {
            throw ValidationError("--by: \"\(by.prefix(64))\" is not a positive duration such as 90m, 24h or 2d")
        }
    }

    func run() async throws {
        let name = try cluster.name()
        let client = try connection.client()
        try await reportingErrors {
            let extended = try await client.extendCluster(namespace: cluster.namespace, name: name, by: by, dryRun: dryRun)
            let expires = extended.metadata.creationTimestamp.map { " (expires \($0.adding(seconds: extended.spec.ttl?.seconds ?? 0).rfc3339))" } ?? ""
            print("cluster.ocpctl.io/\(name) extended: ttl \(extended.spec.ttl.map { "\($0)" } ?? "")\(expires)\(dryRun ? " (dry run)" : "")")
        }
    }
}
