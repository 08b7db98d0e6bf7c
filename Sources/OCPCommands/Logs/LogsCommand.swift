import ArgumentParser
import Foundation
import OCPClient
import OCPModel

/// `ocpctl logs cluster/NAME`: the logs of the cluster's operations, oldest first.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Print the logs of a cluster's operations.")

    @Argument(help: "The cluster, as cluster/NAME.")
    var reference: String

    @Option(name: [.customShort("n"), .long], help: "Namespace of the cluster.")
    var namespace: String = ConnectionSource.defaultNamespace

    @Option(help: "Only the last N operations.")
    var tail: Int?

    @Flag(name: [.customShort("f"), .long], help: "Keep printing the running operation's log as it grows, until it finishes.")
    var follow = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws { _ = try ClusterReference.name(reference) }

    func run() async throws {
        let client = try connection.client()
        let name = try ClusterReference.name(reference)
        try await reportingErrors {
            var operations = try await client.operations(namespace: namespace, name: name)
            for record in operations.suffix(tail ?? operations.count) {
                let op = record.operation
                emit("==> \(op.type.rawValue) attempt \(op.attempt) (\(op.state.rawValue)) \(op.id) started \(op.startedAt.rfc3339)\(record.requestID.map { " request \($0)" } ?? "") <==\n")
                if !record.log.isEmpty { emit(record.log.hasSuffix("\n") ? record.log : record.log + "\n") }
                if let error = op.error { emit("error: \(error)\n") }
            }
            // Follow the latest operation: print what its log gained each second, until it is no longer running.
            guard follow, var latest = operations.last else { return }
            var printed = latest.log.utf8.count
            while latest.operation.state == .running {
                try await Task.sleep(for: .seconds(1))
                operations = try await client.operations(namespace: namespace, name: name)
                guard let current = operations.first(where: { $0.operation.id == latest.operation.id }) else { return }
                let log = Array(current.log.utf8)
                if log.count > printed {
                    FileHandle.standardOutput.write(Data(log[printed...]))
                    printed = log.count
                }
                latest = current
            }
            if let error = latest.operation.error { emit("error: \(error)\n") }
            emit("==> \(latest.operation.type.rawValue) \(latest.operation.state.rawValue) <==\n")
        }
    }

    /// Writes straight to standard output, unbuffered, so a pipe sees each line as it comes and in order.
    private func emit(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
