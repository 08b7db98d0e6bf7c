public import ArgumentParser

/// The `ocpctl` command line.
public struct OcpctlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ocpctl",
        abstract: "A declarative control plane for ephemeral OpenShift clusters.",
        version: OcpctlVersion.current,
        subcommands: [
            ServeCommand.self, ApplyCommand.self, CreateCommand.self, SyncCommand.self, GetCommand.self, DescribeCommand.self, PatchCommand.self, DeleteCommand.self,
            WaitCommand.self, DiffCommand.self, LogsCommand.self, ProfilesCommand.self, ValidateCommand.self, RenderCommand.self,
            TokenCommand.self, UsageCommand.self, QuotaCommand.self, ControllerCommand.self, MigrateCommand.self, SimCommand.self, CompletionCommand.self,
        ]
    )

    public init() {}

    /// Parses the process arguments and runs the chosen command, awaiting async ones.
    ///
    /// Spelled out because `main()` resolves to ParsableCommand's synchronous overload from a plain executable.
    public static func execute() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// The version this binary reports.
public enum OcpctlVersion {
    public static let current = "0.1.0"
}
