import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl logs cluster/NAME`: the logs of the cluster's operations, oldest first.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Print the logs of a cluster's operations.")

    @Argument(help: "The cluster, as cluster/NAME.")
    var reference: String

    @Option(name: [.customShort("n"), .long], help: "Namespace of the cluster.")
    var namespace: String = "default"

    @Option(help: "Only the last N operations.")
    var tail: Int?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws { _ = try ClusterReference.name(reference) }

    func run() async throws {
        let client = try connection.client()
        let name = try ClusterReference.name(reference)
        try await reportingErrors {
            let operations = try await client.operations(namespace: namespace, name: name)
            for record in operations.suffix(tail ?? operations.count) {
                let op = record.operation
                print("==> \(op.type.rawValue) attempt \(op.attempt) (\(op.state.rawValue)) \(op.id) started \(op.startedAt.rfc3339)\(record.requestID.map { " request \($0)" } ?? "") <==")
                if !record.log.isEmpty { print(record.log.hasSuffix("\n") ? String(record.log.dropLast()) : record.log) }
                if let error = op.error { print("error: \(error)") }
            }
        }
    }
}
