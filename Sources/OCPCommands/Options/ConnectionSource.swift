import ArgumentParser
import Foundation
import OCPClient

/// Where the CLI's connection comes from, chosen as kubectl and ocpctl users expect: `--kubeconfig`, then `--config`,
/// then `$OCPCTL_CONFIG`, then `$KUBECONFIG` (several files, merged), then `./.ocpctl/client.yaml`, then
/// `~/.config/ocpctl/config.yaml`. `$OCPCTL_SERVER`, `$OCPCTL_TOKEN` and the flags then override single values.
struct ConnectionSource {
    var server: String?
    var token: String?
    var certificateAuthorityPEM: String?
    var insecureSkipTLSVerify = false
    /// The kubeconfig context's namespace: the default `-n`.
    var namespace: String?
    /// The places looked in, for the error when there is no server.
    var searched: [String] = []

    /// The source for these flag values in this environment.
    static func resolve(kubeconfig: String?, context: String?, config: String?, environment: [String: String]) throws -> ConnectionSource {
        func nonEmpty(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let kubeconfigPaths: [String]? = kubeconfig.map { [$0] }
            ?? (config == nil && nonEmpty("OCPCTL_CONFIG") == nil ? nonEmpty("KUBECONFIG").map(Self.existing) : nil)
        if let kubeconfigPaths, !kubeconfigPaths.isEmpty {
            let origin = "kubeconfig " + kubeconfigPaths.joined(separator: ":")
            let resolved = try Kubeconfig.load(paths: kubeconfigPaths).resolve(context: context, origin: origin)
            return ConnectionSource(server: resolved.server, token: resolved.token, certificateAuthorityPEM: resolved.certificateAuthorityPEM,
                                    insecureSkipTLSVerify: resolved.insecureSkipTLSVerify, namespace: resolved.namespace, searched: kubeconfigPaths)
        }
        if context != nil { throw ValidationError("--context needs a kubeconfig: pass --kubeconfig FILE or set KUBECONFIG") }
        let paths = config.map { [$0] } ?? ClientConfigFile.searchPaths(environment: environment)
        guard let path = paths.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return ConnectionSource(searched: paths) }
        let file = try ClientConfigFile.load(path: path)
        return ConnectionSource(server: file.server, token: file.token, certificateAuthorityPEM: try file.certificateAuthorityPEM, searched: paths)
    }

    /// The files of a `KUBECONFIG` list that exist, as kubectl skips missing ones.
    static func existing(_ list: String) -> [String] {
        list.split(separator: ":").map(String.init).filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// The namespace a command defaults to: the kubeconfig context's, found from this process's own arguments,
    /// because option defaults are set before the connection options are parsed.
    static let defaultNamespace: String = {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ name: String) -> String? {
            for (index, argument) in arguments.enumerated() {
                if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
                if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
            }
            return nil
        }
        let source = try? resolve(kubeconfig: value("--kubeconfig"), context: value("--context"), config: value("--config"),
                                  environment: ProcessInfo.processInfo.environment)
        return source?.namespace ?? "default"
    }()
}
