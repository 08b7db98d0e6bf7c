import ArgumentParser
import OCPLoader
import OCPModel

/// `ocpctl render`: show what ocpctl would hand to other tools.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render generated files for a cluster.",
        subcommands: [RenderInstallConfigCommand.self]
    )
}

/// `ocpctl render install-config -f FILE`: the install-config.yaml the installer would get.
struct RenderInstallConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-config",
        abstract: "Print the install-config.yaml for each cluster in the manifest, with a placeholder pull secret."
    )

    @OptionGroup var file: FilenameOptions
    @OptionGroup var profileOptions: ProfileOptions

    @Option(help: "File holding the pull secret (default: a placeholder).")
    var pullSecretFile: String?

    @Option(help: "File holding the SSH public key for the nodes.")
    var sshKeyFile: String?

    func run() throws {
        let catalog = try profileOptions.load()
        let checked = ValidatedManifests(try file.read(), profiles: catalog)
        guard checked.isValid else {
            checked.errors.forEach { StandardError.print($0.description) }
            throw ExitCode(1)
        }
        var secrets = InstallConfigRenderer.Secrets.placeholder
        if let pullSecretFile {
            secrets.pullSecret = try ManifestReader.text(of: pullSecretFile).trimmingWhitespace()
        }
        if let sshKeyFile {
            secrets.sshPublicKey = try ManifestReader.text(of: sshKeyFile).trimmingWhitespace()
        }
        for (index, document) in checked.valid.enumerated() {
            guard let profile = catalog[document.cluster.spec.profile] else { continue }
            if index > 0 { print("---") }
            print(try InstallConfigRenderer.render(document.cluster, profile: profile, secrets: secrets), terminator: "")
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
