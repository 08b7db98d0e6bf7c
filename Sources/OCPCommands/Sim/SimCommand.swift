import ArgumentParser
import Foundation
import OCPCloud
import OCPSimCloud
import OCPModel

/// `ocpctl sim`: look into the simulated cloud account and change it behind the controller's back.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Inspect and change the simulated cloud account.",
        subcommands: [SimResources.self, SimLog.self, SimFailNextCreate.self, SimLeakNextDestroy.self,
                      SimTerminateWorker.self, SimDeleteCluster.self, SimHibernate.self]
    )
}

/// The account's location.
struct SimOptions: ParsableArguments {
    @Option(help: "Data directory holding the simulated cloud account (with SQLite).")
    var dataDir: String = ".ocpctl"

    @Option(help: "PostgreSQL URL of the control plane: its simulated account lives in that database.")
    var postgres: String?

    /// Opens the account, runs `body`, closes it.
    func with<T: Sendable>(_ body: (SimulatedCloud) async throws -> T) async throws -> T {
        let cloud = try await SimulatedCloud.open(dataDir: dataDir, postgres: postgres, config: .demo)
        do {
            let result = try await body(cloud)
            try await cloud.close()
            return result
        } catch {
            try? await cloud.close()
            throw error
        }
    }
}

struct SimResources: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resources", abstract: "List the account's resources.")
    @OptionGroup var sim: SimOptions
    @Option(help: "Only this infraID's resources.") var infraID: String?
    @Option(name: .shortAndLong, help: "Output format: table or json.") var output: String = "table"

    func run() async throws {
        let resources = try await sim.with { try await $0.allResources() }.filter { infraID == nil || $0.infraID == infraID }
        if output == "json" {
            print(try ResourceEncoding.json(resources))
            return
        }
        print(Formatting.table(["INFRA ID", "KIND", "NAME", "STATE"],
                               resources.map { [$0.infraID, $0.kind.rawValue, $0.name, $0.state] }))
    }
}

struct SimLog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the account's operation log.")
    @OptionGroup var sim: SimOptions
    @Option(name: .shortAndLong, help: "Output format: table or json.") var output: String = "table"

    func run() async throws {
        let entries = try await sim.with { try await $0.log() }
        if output == "json" {
            print(try ResourceEncoding.json(entries))
            return
        }
        print(Formatting.table(["TIME", "EVENT", "TYPE", "INFRA ID", "DETAIL"], entries.map {
            ["\(Timestamp(secondsSinceEpoch: Int64($0.at)))", $0.event, $0.type?.rawValue ?? "-", $0.infraID, $0.detail]
        }))
    }
}

struct SimFailNextCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fail-next-create", abstract: "Make the next create fail.")
    @OptionGroup var sim: SimOptions
    @Option(help: "Only a create in this region.") var region: String?
    func run() async throws { try await sim.with { try await $0.failNextCreate(region: region) } }
}

struct SimLeakNextDestroy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leak-next-destroy", abstract: "Make the next destroy leave resources behind.")
    @OptionGroup var sim: SimOptions
    func run() async throws { try await sim.with { try await $0.leakOnNextDestroy() } }
}

struct SimTerminateWorker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "terminate-worker", abstract: "Terminate one worker of a cluster.")
    @OptionGroup var sim: SimOptions
    @Argument(help: "The cluster's infraID.") var infraID: String
    func run() async throws {
        guard try await sim.with({ try await $0.terminateWorker(infraID: infraID) }) else {
            throw ValidationError("\(infraID) has no worker to terminate")
        }
    }
}

struct SimDeleteCluster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete-cluster", abstract: "Delete a cluster's resources out of band.")
    @OptionGroup var sim: SimOptions
    @Argument(help: "The cluster's infraID.") var infraID: String
    func run() async throws { try await sim.with { try await $0.deleteClusterOutOfBand(infraID: infraID) } }
}

struct SimHibernate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hibernate", abstract: "Stop a cluster's instances by hand.")
    @OptionGroup var sim: SimOptions
    @Argument(help: "The cluster's infraID.") var infraID: String
    func run() async throws { try await sim.with { try await $0.hibernateByHand(infraID: infraID) } }
}
