internal import Yams

/// The source line of every field in one document, so errors found after decoding (policy) can point at a line.
public struct FieldLines: Sendable, Hashable {
    private var lines: [String: Int]
    /// Line of the document itself.
    public let documentLine: Int

    init(_ root: Node) {
        documentLine = root.mark?.line ?? 1
        lines = [:]
        collect(root, path: "")
    }

    /// An empty map pointing every field at `documentLine`.
    public init(documentLine: Int) {
        self.documentLine = documentLine
        lines = [:]
    }

    private mutating func collect(_ node: Node, path: String) {
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                let child = path.isEmpty ? name : path + "." + name
                lines[child] = key.mark?.line
                collect(value, path: child)
            }
        case .sequence(let sequence):
            for (index, value) in sequence.enumerated() {
                let child = "\(path)[\(index)]"
                lines[child] = value.mark?.line
                collect(value, path: child)
            }
        default:
            break
        }
    }

    /// The line of `field`, or of its nearest enclosing field that exists, or of the document.
    public func line(of field: String) -> Int {
        var candidate = Substring(field)
        while !candidate.isEmpty {
            if let line = lines[String(candidate)] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = candidate[..<cut]
        }
        return documentLine
    }
}
