public import OCPModel
import Foundation

/// Reads Cluster manifests from a file, a directory (recursively) or standard input (`-`).
public enum ManifestReader {
    /// File extensions read from directories.
    public static let extensions: Set<String> = ["yaml", "yml", "json"]

    /// Every document at `path`, each decoded or failed on its own; files are read in sorted order.
    ///
    /// As with kubectl, a directory's subdirectories are read only when `recursive`.
    public static func read(_ path: String, recursive: Bool = false, stdin: () -> String = readStandardInput) throws(LoadError) -> [Result<ManifestDocument, ManifestError>] {
        if path == "-" {
            return ManifestParser.parse(stdin(), source: "<stdin>")
        }
        var results: [Result<ManifestDocument, ManifestError>] = []
        for file in try files(at: path, recursive: recursive) {
            results += ManifestParser.parse(try text(of: file), source: file)
        }
        return results
    }

    /// The manifest files at `path`: the file itself, or the matching files in a directory (and below it when `recursive`).
    public static func files(at path: String, recursive: Bool = false) throws(LoadError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadError(path: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw LoadError(path: path, message: "cannot list directory")
        }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if !recursive, enumerator.level > 1 {
                enumerator.skipDescendants()
                continue
            }
            guard extensions.contains((relative as NSString).pathExtension.lowercased()) else { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                found.append(full)
            }
        }
        return found.sorted()
    }

    /// The UTF-8 text of a file.
    public static func text(of path: String) throws(LoadError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(path: path, message: "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadError(path: path, message: "not UTF-8 text")
        }
        return text
    }

    /// All of standard input as text.
    public static func readStandardInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}
