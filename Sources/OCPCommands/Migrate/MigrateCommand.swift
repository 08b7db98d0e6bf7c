import ArgumentParser
import Foundation
import OCPModel
import OCPStore

/// `ocpctl migrate --postgres URL`: applies pending schema migrations (they also run at every start).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending PostgreSQL migrations."
    )

    @Option(help: "PostgreSQL URL.")
    var postgres: String

    func run() async throws {
        let applied = try await SQLStore.migratePostgres(url: postgres, now: Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
        print(applied.isEmpty ? "schema is up to date" : "applied \(applied.joined(separator: ", "))")
    }
}
