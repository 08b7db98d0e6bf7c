internal import Yams

/// Decodes typed values from composed YAML nodes, turning every failure into a `FieldError` with a line.
enum DocumentDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from node: Node) throws(FieldError) -> T {
        do {
            return try StrictNodeDecoder(node: node, codingPath: []).decode(type)
        } catch let issue as FieldError {
            throw issue
        } catch let error as DecodingError {
            throw issue(for: error, in: node)
        } catch {
            throw FieldError(reason: .invalid, field: "", message: "\(error)", line: node.mark?.line)
        }
    }

    /// Converts a `DecodingError` raised by a type's own `init(from:)`, locating its line by path.
    static func issue(for error: DecodingError, in root: Node) -> FieldError {
        switch error {
        case .dataCorrupted(let context):
            return FieldError(reason: .invalid, field: FieldPath.render(context.codingPath),
                               message: context.debugDescription, line: locate(context.codingPath, in: root))
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return FieldError(reason: .wrongType, field: FieldPath.render(context.codingPath),
                               message: context.debugDescription, line: locate(context.codingPath, in: root))
        case .keyNotFound(let key, let context):
            return FieldError(reason: .required, field: FieldPath.render(context.codingPath + [key]),
                               message: "required field \"\(key.stringValue)\" is missing",
                               line: locate(context.codingPath, in: root))
        @unknown default:
            return FieldError(reason: .invalid, field: "", message: "\(error)", line: root.mark?.line)
        }
    }

    /// The line of the deepest node along `path` that exists.
    static func locate(_ path: [any CodingKey], in root: Node) -> Int? {
        var node = root
        for key in path {
            switch node {
            case .mapping(let mapping):
                guard let next = mapping.first(where: { $0.key.string == key.stringValue })?.value else { return node.mark?.line }
                node = next
            case .sequence(let sequence):
                guard let index = key.intValue, index < sequence.count else { return node.mark?.line }
                node = sequence[sequence.index(sequence.startIndex, offsetBy: index)]
            default:
                return node.mark?.line
            }
        }
        return node.mark?.line
    }
}
