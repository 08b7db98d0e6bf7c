import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl diff -f FILE|DIR|-`: what `apply` would change, from a server-side dry run. Exit 1 when anything differs, like kubectl.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what apply would change (server-side dry run); exit 0 when nothing, 1 when something, 2 on error."
    )

    @OptionGroup var file: FilenameOptions
    @Option(name: [.customShort("n"), .long], help: "Namespace for documents that name none.")
    var namespace: String = ConnectionSource.defaultNamespace
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let client = try connection.client()
        let documents: ManifestInput.Documents
        do {
            documents = try ManifestInput.read(file, namespace: namespace)
        } catch {
            throw ExitCode(2)
        }
        var differs = false, failed = !documents.errors.isEmpty
        for document in documents.valid {
            do {
                let (live, merged) = try await Self.preview(document.cluster, client: client)
                let old = try live.map { try Self.comparable($0) } ?? []
                let diff = LineDiff.lines(old, try Self.comparable(merged))
                guard !diff.isEmpty else { continue }
                differs = true
                let name = "\(merged.metadata.namespace ?? namespace)/\(merged.metadata.name)"
                print("--- live/\(name)\n+++ merged/\(name)")
                print(diff.joined(separator: "\n"))
            } catch let error as ClientError {
                StandardError.print("error: \(document.location.source):\(document.location.line): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
        if differs { throw ExitCode(1) }
    }

    /// The live object (nil if absent) and what the server would store after apply.
    static func preview(_ cluster: Cluster, client: OCPClient) async throws -> (Cluster?, Cluster) {
        do {
            let live = try await client.getCluster(namespace: cluster.metadata.namespace ?? "default", name: cluster.metadata.name)
            return (live, try await client.replaceCluster(ApplyCommand.desired(cluster, over: live), dryRun: true))
        } catch let error as ClientError where error.code == 404 {
            return (nil, try await client.createCluster(cluster, dryRun: true))
        }
    }

    /// The parts apply controls, as YAML lines: name, namespace, labels, user annotations and spec.
    static func comparable(_ cluster: Cluster) throws -> [String] {
        var meta = ObjectMeta(name: cluster.metadata.name, namespace: cluster.metadata.namespace, labels: cluster.metadata.labels)
        var annotations = cluster.metadata.annotations ?? [:]
        annotations[Cluster.requestIDAnnotation] = nil
        meta.annotations = annotations.isEmpty ? nil : annotations
        let shown = Cluster(metadata: meta, spec: cluster.spec)
        return try ResourceEncoding.yaml(shown).split(separator: "\n").map(String.init)
    }
}
