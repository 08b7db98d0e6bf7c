import ArgumentParser
import Foundation
import OCPClient
import OCPModel

/// `ocpctl get outputs cluster/NAME`: the cluster's URLs, and its kubeconfig or kubeadmin password on request.
struct OutputsPrinter {
    let client: OCPClient
    let namespace: String
    let target: String

    /// The cluster named by `cluster/NAME` (or `clusters/NAME`, `cluster.ocpctl.io/NAME`).
    static func clusterName(_ target: String) throws -> String {
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { throw ValidationError("outputs belong to a cluster: name it as cluster/NAME, got \"\(target)\"") }
        _ = try ClusterResource.check(parts[0])
        return parts[1]
    }

    func print(format: ClusterPrinter.Format, kubeconfigFile: String?, showPassword: Bool) async throws {
        let name = try Self.clusterName(target)
        let document = try await client.outputs(namespace: namespace, name: name)
        if let kubeconfigFile {
            let kubeconfig = try await client.kubeconfig(namespace: namespace, name: name)
            try Data(kubeconfig.utf8).write(to: URL(fileURLWithPath: kubeconfigFile), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kubeconfigFile)
            StandardError.print("kubeconfig written to \(kubeconfigFile)")
        }
        switch format {
        case .json: Swift.print(try ResourceEncoding.json(document))
        case .yaml: Swift.print(try ResourceEncoding.yaml(document))
        default:
            Swift.print(Formatting.table(["API URL", "CONSOLE URL", "KUBECONFIG", "KUBEADMIN PASSWORD"],
                                         [[document.apiURL ?? "", document.consoleURL ?? "", document.kubeconfigRef ?? "", document.kubeadminPasswordRef ?? ""]]))
        }
        if showPassword {
            Swift.print("kubeadmin password: \(try await client.kubeadminPassword(namespace: namespace, name: name))")
        }
    }
}
