internal import Yams

/// Splits YAML or JSON text into documents and decodes each as a `Cluster`, strictly.
///
/// JSON is read as YAML flow syntax, so both give line numbers. A top-level list holds several documents.
public enum ManifestParser {
    /// Parses every document in `text`; `source` names it in errors. Empty documents are skipped.
    public static func parse(_ text: String, source: String) -> [Result<ManifestDocument, ManifestError>] {
        var results: [Result<ManifestDocument, ManifestError>] = []
        let parser: Parser
        do {
            // The basic resolver skips Yams' regex tag resolution; ScalarKind classifies scalars instead.
            parser = try Parser(yaml: text, resolver: .basic)
        } catch {
            return [.failure(ManifestError(location: DocumentLocation(source: source, index: 1, line: 1), issue: syntaxIssue(error)))]
        }
        var index = 0
        while true {
            let root: Node?
            do {
                root = try parser.nextRoot()
            } catch {
                let issue = syntaxIssue(error)
                let location = DocumentLocation(source: source, index: index + 1, line: issue.line ?? 1)
                results.append(.failure(ManifestError(location: location, issue: issue)))
                return results
            }
            guard let root else { return results }
            let items: [Node]
            if case .sequence(let sequence) = root { items = Array(sequence) } else { items = [root] }
            for node in items {
                if case .scalar(let scalar) = node, ScalarKind(scalar) == .null { continue }
                index += 1
                let location = DocumentLocation(source: source, index: index, line: node.mark?.line ?? 1)
                do {
                    let cluster = try decodeCluster(node)
                    results.append(.success(ManifestDocument(location: location, cluster: cluster, fieldLines: FieldLines(node))))
                } catch {
                    results.append(.failure(ManifestError(location: location, issue: error)))
                }
            }
        }
    }

    /// Decodes one document node, checking `apiVersion` and `kind` first so a wrong kind is reported as such.
    static func decodeCluster(_ node: Node) throws(FieldError) -> Cluster {
        guard case .mapping(let mapping) = node else {
            throw FieldError(reason: .wrongType, field: "", message: "a document must be an object, got \(describe(node))", line: node.mark?.line)
        }
        try expect(mapping, field: "apiVersion", value: Cluster.apiVersion, documentLine: node.mark?.line)
        try expect(mapping, field: "kind", value: Cluster.kind, documentLine: node.mark?.line)
        return try DocumentDecoding.decode(Cluster.self, from: node)
    }

    private static func expect(_ mapping: Node.Mapping, field: String, value: String, documentLine: Int?) throws(FieldError) {
        guard let pair = mapping.first(where: { $0.key.string == field }) else {
            throw FieldError(reason: .required, field: field, message: "required field \"\(field)\" is missing", line: documentLine)
        }
        guard pair.value.string == value else {
            let found = pair.value.string.map { "\"\($0)\"" } ?? describe(pair.value)
            throw FieldError(reason: .invalid, field: field,
                              message: "unsupported value \(found): must be \"\(value)\"", line: pair.key.mark?.line)
        }
    }

    static func syntaxIssue(_ error: any Error) -> FieldError {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let prefix = context.map { "\($0.text): " } ?? ""
                return FieldError(reason: .syntax, field: "", message: "invalid YAML: \(prefix)\(problem)", line: mark.line)
            case .duplicatedKeysInMapping(let duplicates, let context):
                return FieldError(reason: .duplicate, field: duplicates.joined(separator: ", "),
                                   message: "duplicate field", line: context.mark.line)
            default:
                return FieldError(reason: .syntax, field: "", message: "invalid YAML: \(yamlError)", line: nil)
            }
        }
        return FieldError(reason: .syntax, field: "", message: "invalid YAML: \(error)", line: nil)
    }
}

/// Decodes any strictly-typed document, such as a profile, from YAML text.
public enum StrictYAML {
    /// Decodes one document; errors carry the field path and line.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws(FieldError) -> T {
        let node: Node?
        do {
            node = try Parser(yaml: text, resolver: .basic).singleRoot()
        } catch {
            throw ManifestParser.syntaxIssue(error)
        }
        guard let node else {
            throw FieldError(reason: .required, field: "", message: "the document is empty", line: 1)
        }
        return try DocumentDecoding.decode(type, from: node)
    }
}
