import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl apply -f FILE|DIR|-`: creates or updates each cluster and says which.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create or update clusters from manifests; prints created, configured or unchanged for each."
    )

    @OptionGroup var file: FilenameOptions
    @Option(name: [.customShort("n"), .long], help: "Namespace for documents that name none.")
    var namespace: String = ConnectionSource.defaultNamespace
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let client = try connection.client()
        let documents = try ManifestInput.read(file, namespace: namespace)
        var failed = !documents.errors.isEmpty
        for document in documents.valid {
            let cluster = document.cluster
            do {
                print("cluster.ocpctl.io/\(cluster.metadata.name) \(try await Self.apply(cluster, client: client))")
            } catch let error as ClientError {
                StandardError.print("error: \(document.location.source):\(document.location.line): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Creates the cluster if absent; otherwise replaces labels, annotations and spec. Returns `created`, `configured` or `unchanged`.
    static func apply(_ cluster: Cluster, client: OCPClient) async throws -> String {
        let namespace = cluster.metadata.namespace ?? "default"
        let current: Cluster
        do {
            current = try await client.getCluster(namespace: namespace, name: cluster.metadata.name)
        } catch let error as ClientError where error.code == 404 {
            _ = try await client.createCluster(cluster)
            return "created"
        }
        // The server stores nothing when nothing changes, so an unchanged resourceVersion means unchanged.
        let updated = try await client.replaceCluster(desired(cluster, over: current))
        return updated.metadata.resourceVersion == current.metadata.resourceVersion ? "unchanged" : "configured"
    }

    /// The manifest's labels, annotations and spec on the live object; no resourceVersion, so the manifest wins.
    static func desired(_ manifest: Cluster, over current: Cluster) -> Cluster {
        var next = manifest
        next.metadata = ObjectMeta(name: manifest.metadata.name, namespace: current.metadata.namespace, labels: manifest.metadata.labels)
        next.metadata.annotations = manifest.metadata.annotations
        next.status = nil
        return next
    }
}

/// Manifests named by `-f`, decoded: the documents, and every decoding error already printed.
enum ManifestInput {
    struct Documents {
        var valid: [ManifestDocument]
        var errors: [ManifestError]
    }

    /// Reads `-f`, prints decoding errors to stderr, fills the namespace; throws when nothing was found at all.
    static func read(_ file: FilenameOptions, namespace: String) throws -> Documents {
        var documents = Documents(valid: [], errors: [])
        for result in try file.read() {
            switch result {
            case .success(var document):
                if document.cluster.metadata.namespace == nil { document.cluster.metadata.namespace = namespace }
                documents.valid.append(document)
            case .failure(let error):
                StandardError.print("error: \(error)")
                documents.errors.append(error)
            }
        }
        if documents.valid.isEmpty && documents.errors.isEmpty {
            StandardError.print("error: \(file.filename): no documents found")
            throw ExitCode(1)
        }
        return documents
    }
}
