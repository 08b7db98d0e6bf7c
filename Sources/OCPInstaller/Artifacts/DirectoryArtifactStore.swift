public import OCPCloud
import Foundation

/// Artifacts as files under a directory (`file://` URIs): the embedded default, under the data directory.
public struct DirectoryArtifactStore: KeyedArtifactStore {
    /// The absolute, standardized root directory.
    public let root: String

    /// A store rooted at `directory` (created when missing).
    public init(directory: String) throws {
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
        root = absolute
    }

    public func uri(forKey key: String) -> String {
        "file://" + path(forKey: key)
    }

    public func owns(uri: String) -> Bool {
        path(of: uri) != nil
    }

    public func put(key: String, bytes: [UInt8], contentType: String) async throws -> StoredArtifact {
        let path = path(forKey: key)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Written whole to a temporary name, then renamed: a reader never sees half a file.
        let temporary = path + ".tmp-\(UUID().uuidString.prefix(8))"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw InstallerError.configuration("cannot write \(temporary)")
        }
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw InstallerError.configuration("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return StoredArtifact(uri: uri(forKey: key), sha256: sha256Hex(bytes), size: bytes.count)
    }

    public func get(uri: String) async throws -> [UInt8]? {
        guard let path = path(of: uri), let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    public func delete(uri: String) async throws {
        guard let path = path(of: uri), FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.removeItem(atPath: path)
    }

    func path(forKey key: String) -> String {
        let clean = key.split(separator: "/").filter { $0 != ".." && $0 != "." && !$0.isEmpty }.joined(separator: "/")
        return root + "/" + clean
    }

    /// The file a `file://` URI names, when it lies under the root.
    func path(of uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        let path = URL(fileURLWithPath: String(uri.dropFirst("file://".count))).standardizedFileURL.path
        return path.hasPrefix(root + "/") ? path : nil
    }
}
