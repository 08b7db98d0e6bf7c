import ArgumentParser
import OCPLoader
import OCPModel

/// `ocpctl validate -f FILE|DIR|-`: decode, default and policy-check manifests without a server.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests against their profiles; print OK or every error, exit 1 on any error."
    )

    @OptionGroup var file: FilenameOptions
    @OptionGroup var profileOptions: ProfileOptions

    func run() throws {
        let catalog = try profileOptions.load()
        let results = try file.read()
        let checked = ValidatedManifests(results, profiles: catalog)
        for document in checked.valid {
            print("\(document.location.source):\(document.location.line): cluster.ocpctl.io/\(document.cluster.metadata.name) (document \(document.location.index)): OK")
        }
        for error in checked.errors {
            StandardError.print(error.description)
        }
        if checked.valid.isEmpty && checked.errors.isEmpty {
            StandardError.print("\(file.filename): no documents found")
            throw ExitCode(1)
        }
        if !checked.isValid { throw ExitCode(1) }
    }
}
