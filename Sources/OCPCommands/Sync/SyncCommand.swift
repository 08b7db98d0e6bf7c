import ArgumentParser
import Foundation
import OCPClient
import OCPModel
import OCPSync

/// `ocpctl sync`: make the clusters equal to a directory of manifests, or see how the server's sources are doing.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync a directory of manifests, or show the status of the server's sync sources.",
        subcommands: [SyncDirectoryCommand.self, SyncStatusCommand.self],
        defaultSubcommand: SyncDirectoryCommand.self
    )
}

/// `ocpctl sync DIR [--prune] [--dry-run] [--source NAME]`.
struct SyncDirectoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply-dir",
        abstract: "Apply every manifest under DIR; exit 0 when already in sync, 2 when changes were applied (or, with --dry-run, are needed), 1 on error."
    )

    @Argument(help: "Directory of manifests (read recursively).")
    var directory: String

    @Flag(help: "Delete clusters this source applied earlier that are gone from DIR.")
    var prune = false

    @Flag(help: "Print the plan and change nothing.")
    var dryRun = false

    @Option(help: "The source that owns what this sync applies (default: the directory's name).")
    var source: String?

    @Flag(help: "Allow a prune that deletes more than --deletion-threshold of the source's clusters.")
    var allowMassDeletion = false

    @Option(help: "Largest fraction of the source's clusters one prune may delete.")
    var deletionThreshold: Double = 0.5

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let client = try connection.client()
        let sourceName = source ?? URL(fileURLWithPath: directory).standardizedFileURL.lastPathComponent
        let documents = try ManifestTree.read(root: directory)
        let profiles = ProfileCatalog(try await reportingErrors { try await client.profiles() })
        let options = SyncPlanner.Options(source: sourceName, prune: prune, deletionThreshold: deletionThreshold,
                                          allowMassDeletion: allowMassDeletion)
        let outcome = try await reportingErrors {
            try await SyncEngine.sync(documents, profiles: profiles, target: APISyncTarget(client: client), options: options,
                                      revision: SyncRevision.of(documents), dryRun: dryRun)
        }
        guard outcome.errors.isEmpty else {
            // One invalid document stops the whole sync before any change, as the issue of a bad commit should.
            for error in outcome.errors { StandardError.print("error: \(error)") }
            StandardError.print("error: \(outcome.errors.count) invalid document(s); nothing was changed")
            throw ExitCode(1)
        }
        SyncReport.print(outcome, dryRun: dryRun)
        if !outcome.failures.isEmpty || outcome.plan.pruneRefusal != nil { throw ExitCode(1) }
        if !outcome.inSync { throw ExitCode(2) }
    }
}

/// A revision for a plain directory: a digest of what it asks for, so an unchanged directory has the same one.
enum SyncRevision {
    static func of(_ documents: [Result<ManifestDocument, ManifestError>]) -> String {
        let hashes = documents.compactMap { try? $0.get() }
            .map { "\($0.cluster.metadata.namespace ?? "default")/\($0.cluster.metadata.name)=\($0.cluster.desiredState.hash)" }
            .sorted()
        let value = FNV1a.hash(hashes.joined(separator: "\n").utf8)
        return "dir-" + String(value, radix: 16)
    }
}

/// Prints a sync plan or its result, one object per line, kubectl style.
enum SyncReport {
    static func print(_ outcome: SyncOutcome, dryRun: Bool) {
        let suffix = dryRun ? " (dry run)" : ""
        for item in outcome.plan.items {
            let name = "cluster.ocpctl.io/\(item.name) -n \(item.namespace)"
            let verb: String
            switch item.action {
            case .create: verb = dryRun ? "would be created" : "created"
            case .update: verb = dryRun ? "would be configured" : "configured"
            case .delete: verb = dryRun ? "would be deleted" : "deleted"
            case .unchanged: verb = "unchanged"
            case .pruneSkipped: verb = "not in the source any more (use --prune to delete it)"
            case .pruneRefused: verb = "not deleted: the prune was refused"
            case .conflict: verb = "skipped: \(item.changes.first.map { "\($0.field) is \($0.live ?? "set")" } ?? "conflict")"
            }
            let failure = outcome.failures["\(item.namespace)/\(item.name)"].map { " FAILED: \($0)" } ?? ""
            Swift.print("\(name) \(verb)\(item.drifted ? " (drifted)" : "")\(failure)")
            if item.action == .update {
                for change in item.changes { Swift.print("    \(change)") }
            }
        }
        if let refusal = outcome.plan.pruneRefusal { StandardError.print("error: prune refused: \(refusal)") }
        let plan = outcome.plan
        Swift.print("\(plan.count(.create)) to create, \(plan.count(.update)) to update, \(plan.count(.delete)) to delete, "
                    + "\(plan.count(.unchanged)) unchanged\(suffix)")
    }
}
