import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl create`: objects made from flags, as `kubectl create <type>` does.
struct CreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an object from flags.",
        subcommands: [CreateSyncSourceCommand.self]
    )
}

/// `ocpctl create syncsource NAME --repo URL [--revision R] [--path P] [--interval 1m] [--prune] [--self-heal]`.
struct CreateSyncSourceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "syncsource",
        abstract: "Create a sync source: a git repository whose manifests the server keeps applied."
    )

    @Argument(help: "The source's name.") var name: String
    @Option(name: [.customShort("n"), .long], help: "Namespace (team) of the source.") var namespace: String = ConnectionSource.defaultNamespace
    @Option(help: "Repository: https://, ssh:// or user@host:path (file:// and paths only on a server run with --allow-local-repos).") var repo: String
    @Option(help: "Branch, tag or commit (default: the remote's default branch).") var revision: String?
    @Option(help: "Directory inside the repository (default: its root).") var path: String?
    @Option(help: "How often to fetch, e.g. 30s, 3m (default 3m).") var interval: String?
    @Flag(help: "Delete clusters this source applied that are gone from the repository.") var prune = false
    @Flag(help: "Revert changes made to this source's clusters through the API.") var selfHeal = false
    @Option(name: .customLong("destination-namespace"), help: "Another namespace the source may write, or * for all; repeat for several (admins only).")
    var destinationNamespaces: [String] = []
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var spec = SyncSourceSpec(repo: repo)
        spec.revision = revision
        spec.path = path
        if let interval {
            guard let duration = TTLDuration(interval) else { throw ValidationError("--interval: \"\(interval)\" is not a duration such as 30s or 3m") }
            spec.interval = duration
        }
        spec.prune = prune
        spec.selfHeal = selfHeal
        spec.destinationNamespaces = destinationNamespaces.isEmpty ? nil : destinationNamespaces
        let client = try connection.client()
        try await reportingErrors {
            let created = try await client.createSyncSource(SyncSource(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec))
            print("syncsource.ocpctl.io/\(created.metadata.name) created")
        }
    }
}
