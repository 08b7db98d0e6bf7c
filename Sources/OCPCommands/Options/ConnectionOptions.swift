import ArgumentParser
import Foundation
import OCPClient

/// How the CLI reaches the server: a kubeconfig or a client config file (see `ConnectionSource`), then
/// `OCPCTL_SERVER` / `OCPCTL_TOKEN`, then flags.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "API server URL (default: $OCPCTL_SERVER, else the kubeconfig or client config).")
    var server: String?

    @Option(help: "Bearer token (default: $OCPCTL_TOKEN, else the kubeconfig or client config).")
    var token: String?

    @Option(help: "Client config file (default: $OCPCTL_CONFIG, ./.ocpctl/client.yaml, ~/.config/ocpctl/config.yaml).")
    var config: String?

    @Option(help: "Kubeconfig file, as kubectl reads it (default: $KUBECONFIG, several files separated by ':').")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use (default: its current-context); its namespace is the default -n.")
    var context: String?

    @Option(help: "A PEM CA certificate file to trust for an https server (default: $OCPCTL_CERTIFICATE_AUTHORITY, else the config's).")
    var certificateAuthority: String?

    @Flag(help: "Do not verify the server's certificate (insecure; for debugging only).")
    var insecureSkipTLSVerify = false

    /// A client for the resolved server and token; throws a usage error naming every place looked in.
    func client() throws -> OCPClient {
        let environment = ProcessInfo.processInfo.environment
        let source: ConnectionSource
        do {
            source = try ConnectionSource.resolve(kubeconfig: kubeconfig, context: context, config: config, environment: environment)
        } catch let error as KubeconfigError {
            throw ValidationError(error.description)
        }
        let server = self.server ?? environment["OCPCTL_SERVER"].flatMap { $0.isEmpty ? nil : $0 } ?? source.server
        guard let server else {
            throw ValidationError("no server: pass --server, set OCPCTL_SERVER, or start one with `ocpctl serve` (it writes \(source.searched.joined(separator: " or ")))")
        }
        let token = self.token ?? environment["OCPCTL_TOKEN"].flatMap { $0.isEmpty ? nil : $0 } ?? source.token
        var authority = source.certificateAuthorityPEM
        if let file = certificateAuthority ?? environment["OCPCTL_CERTIFICATE_AUTHORITY"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do { authority = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw ValidationError("--certificate-authority \(file): cannot read it")
            }
        }
        do {
            return try OCPClient(server: server, token: token, certificateAuthorityPEM: authority,
                                 insecureSkipTLSVerify: insecureSkipTLSVerify || source.insecureSkipTLSVerify)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// `-n NAMESPACE` or `-A`, as kubectl takes them.
struct NamespaceOptions: ParsableArguments {
    @Option(name: [.customShort("n"), .long], help: "Namespace (team) of the clusters.")
    var namespace: String = ConnectionSource.defaultNamespace

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "List across all namespaces.")
    var allNamespaces = false

    /// nil when listing across all namespaces.
    var listNamespace: String? { allNamespaces ? nil : namespace }
}

/// Names a cluster as `cluster/NAME`, `clusters/NAME` or `cluster.ocpctl.io/NAME`.
enum ClusterReference {
    static func name(_ reference: String) throws -> String {
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["cluster", "clusters", "cluster.ocpctl.io", "clusters.ocpctl.io"].contains(parts[0].lowercased()),
              !parts[1].isEmpty else {
            throw ValidationError("\"\(reference)\": name a cluster as cluster/NAME")
        }
        return parts[1]
    }
}

/// Runs a client call and turns its failure into kubectl's `error: ...` on stderr and a non-zero exit.
func reportingErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ClientError {
        StandardError.print("error: \(error)")
        throw ExitCode(1)
    }
}

/// `cluster NAME [-n NAMESPACE]`, the arguments of describe, patch and delete.
struct ClusterArguments: ParsableArguments {
    @Argument(help: "The resource type: cluster (or, for describe, syncsource).")
    var resource: String

    @Argument(help: "The object's name.")
    var name: String

    @Option(name: [.customShort("n"), .long], help: "Namespace of the cluster.")
    var namespace: String = ConnectionSource.defaultNamespace

    func validate() throws {
        // Outputs are read with `get outputs cluster/NAME`; they are never the target of describe or delete.
        guard try ResourceType.of(resource) != .outputs else { throw ValidationError("outputs are read with: ocpctl get outputs cluster/NAME") }
    }
}
