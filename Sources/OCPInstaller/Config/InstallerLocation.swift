public import Foundation

/// Where the `openshift-install` binaries are: one binary for every version, or a directory with one per version.
public enum InstallerLocation: Sendable, Hashable {
    /// One installer for every cluster version: an absolute path, or a name looked up on `PATH`.
    case binary(String)
    /// A directory holding `openshift-install-<version>` (or `openshift-install-<major.minor>`) per version.
    case directory(String)

    /// `--installer PATH`: a directory when `PATH` is one, else a binary; nil means `openshift-install` on `PATH`.
    public static func parse(_ path: String?, isDirectory: (String) -> Bool = InstallerLocation.isDirectory) -> InstallerLocation {
        guard let path, !path.isEmpty else { return .binary("openshift-install") }
        return isDirectory(path) ? .directory(path) : .binary(path)
    }

    /// The installer for clusters of `version` (nil: any), or an error naming what was looked for and what exists.
    public func path(forVersion version: String?, searchPath: String? = ProcessInfo.processInfo.environment["PATH"],
                     isExecutable: (String) -> Bool = { FileManager.default.isExecutableFile(atPath: $0) },
                     list: (String) -> [String] = { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] })
        throws(InstallerError) -> String {
        switch self {
        case .binary(let name):
            if name.contains("/") {
                guard isExecutable(name) else { throw .installerMissing("\(name) is not an executable file") }
                return name
            }
            let directories = (searchPath ?? "").split(separator: ":").map(String.init)
            if let found = directories.map({ "\($0)/\(name)" }).first(where: isExecutable) { return found }
            throw .installerMissing("\(name) is not on PATH; pass --installer PATH")
        case .directory(let directory):
            let available = Self.versions(in: list(directory))
            let candidates: [String]
            if let version {
                let minor = version.split(separator: ".").prefix(2).joined(separator: ".")
                candidates = [version, minor].filter { available.contains($0) }
            } else {
                candidates = available.sorted(by: Self.newerFirst).prefix(1).map { $0 }
            }
            for candidate in candidates {
                let path = "\(directory)/openshift-install-\(candidate)"
                if isExecutable(path) { return path }
            }
            let wanted = version.map { "openshift-install-\($0)" } ?? "an openshift-install-<version>"
            throw .installerMissing("\(directory) has no \(wanted); it has "
                + (available.isEmpty ? "no installers" : available.sorted(by: Self.newerFirst).map { "openshift-install-\($0)" }.joined(separator: ", ")))
        }
    }

    /// The versions named by `openshift-install-<version>` files.
    static func versions(in names: [String]) -> [String] {
        let prefix = "openshift-install-"
        return names.filter { $0.hasPrefix(prefix) && $0.count > prefix.count }.map { String($0.dropFirst(prefix.count)) }
    }

    /// Orders versions by their numeric components, highest first.
    static func newerFirst(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.split(separator: ".").map { Int($0) ?? 0 }
        let right = rhs.split(separator: ".").map { Int($0) ?? 0 }
        return right.lexicographicallyPrecedes(left)
    }

    /// Whether `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
