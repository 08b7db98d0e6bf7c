import ArgumentParser
import Foundation
import OCPLoader
import OCPModel

/// Where profiles come from: `--profiles DIR`, else `$OCPCTL_PROFILES`, else `./profiles`.
struct ProfileOptions: ParsableArguments {
    @Option(name: .long, help: "Directory of cluster profiles (default: $OCPCTL_PROFILES or ./profiles).")
    var profiles: String?

    /// The directory profiles are read from.
    var directory: String { profiles ?? ProcessInfo.processInfo.environment["OCPCTL_PROFILES"] ?? "profiles" }

    func load() throws -> ProfileCatalog {
        try ProfileLoader.load(directory: directory)
    }
}

/// `-f FILE|DIR|-`, as kubectl takes it.
struct FilenameOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .long], help: "A manifest file, a directory of manifests, or - for standard input.")
    var filename: String

    @Flag(name: [.customShort("R"), .long], help: "Read directories given to -f recursively.")
    var recursive = false

    /// The documents named by `-f`, decoded.
    func read() throws -> [Result<ManifestDocument, ManifestError>] {
        try ManifestReader.read(filename, recursive: recursive)
    }
}
