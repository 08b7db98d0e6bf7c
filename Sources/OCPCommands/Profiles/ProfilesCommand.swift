import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl profiles`: the server's cluster profiles.
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "profiles", abstract: "List the server's cluster profiles.")

    @Option(name: .shortAndLong, help: "Output format: yaml or json.")
    var output: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if let output, output != "yaml", output != "json" { throw ValidationError("--output must be yaml or json, got \"\(output)\"") }
    }

    func run() async throws {
        let client = try connection.client()
        try await reportingErrors {
            let profiles = try await client.profiles()
            switch output {
            case "yaml": print(try ResourceEncoding.yaml(profiles))
            case "json": print(try ResourceEncoding.json(profiles))
            default:
                print(Formatting.table(
                    ["NAME", "PLATFORM", "ENABLED", "VERSIONS", "REGIONS", "WORKERS", "MAX TTL", "COST/H"],
                    profiles.map { profile in
                        let workers = profile.compute.workers
                        return [profile.name, profile.platform.rawValue, String(profile.enabled),
                                profile.openshiftVersions.allowlist.joined(separator: ","), profile.regions.allowlist.joined(separator: ","),
                                "\(workers.minReplicas)..\(workers.maxReplicas)", "\(profile.lifecycle.maxTTLHours)h",
                                "\(profile.costControls.estimatedHourlyCost)"]
                    }))
            }
        }
    }
}
