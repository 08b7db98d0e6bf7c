import Foundation
public import OCPLoader
public import OCPModel

/// The manifests under a directory, named by their path relative to it, so annotations and errors read `clusters/a.yaml:3`.
public enum ManifestTree {
    /// Every document under `root/path`, recursively, each decoded or failed on its own.
    public static func read(root: String, path: String = ".") throws(LoadError) -> [Result<ManifestDocument, ManifestError>] {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        let start = path == "." || path.isEmpty ? base : (base as NSString).appendingPathComponent(path)
        var results: [Result<ManifestDocument, ManifestError>] = []
        for file in try ManifestReader.files(at: start, recursive: true) {
            let relative = file.hasPrefix(base + "/") ? String(file.dropFirst(base.count + 1)) : file
            results += ManifestParser.parse(try ManifestReader.text(of: file), source: relative)
        }
        return results
    }
}
