import ArgumentParser

/// `ocpctl completion bash|zsh|fish`: the shell completion script.
struct CompletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completion",
        abstract: "Print a shell completion script, e.g. `source <(ocpctl completion bash)`."
    )

    @Argument(help: "bash, zsh or fish.")
    var shell: String

    func run() throws {
        guard let kind = CompletionShell(rawValue: shell) else {
            throw ValidationError("unknown shell \"\(shell)\": use bash, zsh or fish")
        }
        print(OcpctlCommand.completionScript(for: kind))
    }
}
