import Foundation

/// What configuration reads: the environment variables, a file reader and the home directory, injected so tests are hermetic.
public struct AWSEnvironment: Sendable {
    /// Environment variables by name.
    public var variables: [String: String]
    /// Reads a whole file as UTF-8, nil when it does not exist or cannot be read.
    public var readFile: @Sendable (String) -> String?
    /// The home directory, for `~/.aws/…`.
    public var homeDirectory: String?

    /// Creates an environment from explicit parts.
    public init(variables: [String: String], homeDirectory: String? = nil,
                readFile: @escaping @Sendable (String) -> String? = AWSEnvironment.readUTF8File) {
        self.variables = variables
        self.homeDirectory = homeDirectory
        self.readFile = readFile
    }

    /// The running process's environment and file system.
    public static func process() -> AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return AWSEnvironment(variables: variables, homeDirectory: variables["HOME"] ?? NSHomeDirectory())
    }

    /// Reads a file from disk as UTF-8.
    @Sendable public static func readUTF8File(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// A variable's value, nil when unset or empty.
    public subscript(name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// Expands a leading `~/` with the home directory.
    func expandingHome(_ path: String) -> String {
        guard path.hasPrefix("~/"), let homeDirectory else { return path }
        return homeDirectory + path.dropFirst()
    }
}
