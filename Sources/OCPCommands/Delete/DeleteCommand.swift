import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl delete cluster NAME [--wait]`.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a cluster: its cloud resources are destroyed, then the object goes."
    )

    @OptionGroup var target: ClusterArguments

    @Flag(help: "Wait until the cluster is gone.")
    var wait = false

    @Option(help: "With --wait: give up after this long (e.g. 90s, 10m).")
    var timeout: String = "10m"

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        _ = try WaitCommand.seconds(timeout)
    }

    func run() async throws {
        let client = try connection.client()
        if try ResourceType.of(target.resource) == .syncSources {
            try await reportingErrors {
                _ = try await client.deleteSyncSource(namespace: target.namespace, name: target.name)
                print("syncsource.ocpctl.io \"\(target.name)\" deleted (its clusters stay)")
            }
            return
        }
        try await reportingErrors {
            _ = try await client.deleteCluster(namespace: target.namespace, name: target.name)
            print("cluster.ocpctl.io \"\(target.name)\" deleted")
            if wait {
                try await Waiter(client: client, namespace: target.namespace, name: target.name, timeout: try WaitCommand.seconds(timeout)).untilDeleted()
            }
        }
    }
}
