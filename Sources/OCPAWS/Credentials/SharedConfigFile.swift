import Foundation

/// The INI-style `~/.aws/credentials` and `~/.aws/config` files: profiles of key-value settings.
public struct SharedConfigFile: Sendable, Equatable {
    /// Settings by profile name, then by lower-cased key.
    public let profiles: [String: [String: String]]

    /// Parses a credentials file (`[name]` sections) or, with `isConfigFile`, a config file (`[default]`, `[profile name]`).
    public init(parsing text: String, isConfigFile: Bool) {
        var profiles: [String: [String: String]] = [:]
        var current: String?
        var inSubsection = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let isIndented = rawLine.first == " " || rawLine.first == "\t"
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                inSubsection = false
                current = Self.profileName(section: line, isConfigFile: isConfigFile)
                if let current, profiles[current] == nil { profiles[current] = [:] }
                continue
            }
            guard let name = current, let equals = line.firstIndex(of: "=") else { continue }
            if isIndented && inSubsection { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = Self.stripComment(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            // A key with an empty value opens a nested block (e.g. `s3 =`), whose indented lines are not profile settings.
            inSubsection = value.isEmpty
            if !value.isEmpty { profiles[name]?[key] = value }
        }
        self.profiles = profiles
    }

    /// The profile a section header names, nil for sections that are not profiles (e.g. `[sso-session x]`).
    static func profileName(section: String, isConfigFile: Bool) -> String? {
        guard section.hasSuffix("]") else { return nil }
        let inner = section.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        guard isConfigFile else { return inner }
        if inner == "default" { return inner }
        let words = inner.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return words.count == 2 && words[0] == "profile" ? words[1] : nil
    }

    /// Drops an inline ` #` or ` ;` comment.
    static func stripComment(_ value: String) -> String {
        for marker in [" #", " ;", "\t#", "\t;"] {
            if let range = value.range(of: marker) { return value[..<range.lowerBound].trimmingCharacters(in: .whitespaces) }
        }
        return value
    }
}
