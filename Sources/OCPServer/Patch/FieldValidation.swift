import Foundation
import Hummingbird
import OCPModel

/// `?fieldValidation=`: what a write does with fields the kind does not have. Strict refuses them (422, and our
/// default, since every input is hostile); Warn drops them and says so in `Warning` headers; Ignore drops them.
enum FieldValidation: String, Sendable {
    case strict = "Strict"
    case warn = "Warn"
    case ignore = "Ignore"

    init(_ request: Request) throws(APIError) {
        guard let text = request.query("fieldValidation"), !text.isEmpty else { self = .strict; return }
        guard let value = FieldValidation(rawValue: text) else {
            throw APIError(.badRequest, "fieldValidation: Unsupported value: \"\(text)\": supported values: \"Ignore\", \"Strict\", \"Warn\"")
        }
        self = value
    }

    /// Decodes `body` with the kind's strict `decode`; unless Strict, each unknown field is removed and decoding
    /// tried again, and Warn notes `unknown field "spec.foo"` for the response's `Warning` header.
    func decode<Object>(_ body: [UInt8], note: inout AuditNote, _ decode: ([UInt8]) throws(APIError) -> Object) throws(APIError) -> Object {
        var body = body
        var tree: Any?
        // Each round removes one field, so a body cannot loop for longer than it has fields.
        for _ in 0...body.count {
            do {
                return try decode(body)
            } catch {
                guard self != .strict, let path = Self.unknownField(error) else { throw error }
                if tree == nil { tree = try? JSONSerialization.jsonObject(with: Data(body)) }
                guard let current = tree, let trimmed = Self.removing(path.split(separator: ".").map(String.init), from: current),
                      let data = try? JSONSerialization.data(withJSONObject: trimmed, options: [.sortedKeys]) else { throw error }
                tree = trimmed
                body = Array(data)
                if self == .warn { note.warnings.append("unknown field \"\(path)\"") }
            }
        }
        return try decode(body)
    }

    /// The path of the unknown field a strict decode refused, if that was its only complaint.
    private static func unknownField(_ error: APIError) -> String? {
        guard let causes = error.status.details?.causes, causes.count == 1, let cause = causes.first,
              cause.reason == FieldError.Reason.unknownField.rawValue else { return nil }
        return cause.field
    }

    /// `tree` without the member at `path` (object keys only), or nil when the path is not there.
    private static func removing(_ path: [String], from tree: Any) -> Any? {
        guard var object = tree as? [String: Any], let key = path.first, let child = object[key] else { return nil }
        if path.count == 1 {
            object[key] = nil
        } else {
            guard let updated = removing(Array(path.dropFirst()), from: child) else { return nil }
            object[key] = updated
        }
        return object
    }
}
