import Foundation

/// JSON Patch, RFC 6902: a list of operations (`add`, `remove`, `replace`, `move`, `copy`, `test`) at JSON
/// Pointers (RFC 6901), applied in order; any failing operation fails the whole patch and changes nothing.
enum JSONPatch {
    /// Applies `patch` (a JSON array) to `target` (JSON bytes) and returns the patched JSON bytes.
    ///
    /// Throws 400 for a malformed patch, 422 for an operation that cannot apply (a missing path, a failed `test`).
    static func apply(_ patch: [UInt8], to target: Data) throws(APIError) -> Data {
        guard let operations = (try? JSONSerialization.jsonObject(with: Data(patch), options: [.fragmentsAllowed])) as? [Any] else {
            throw APIError(.badRequest, "malformed JSON patch: the body must be a JSON array of operations")
        }
        var document: Any
        do {
            document = try JSONSerialization.jsonObject(with: target)
        } catch {
            throw APIError(.internalError, "could not read the object to patch: \(error)")
        }
        for (index, raw) in operations.enumerated() {
            guard let operation = raw as? [String: Any], let op = operation["op"] as? String, let path = operation["path"] as? String else {
                throw APIError(.badRequest, "malformed JSON patch: operation \(index) needs string members \"op\" and \"path\"")
            }
            func value() throws(APIError) -> Any {
                guard let value = operation["value"] else { throw APIError(.badRequest, "malformed JSON patch: operation \(index) (\(op)) needs \"value\"") }
                return value
            }
            func from() throws(APIError) -> [String] {
                guard let from = operation["from"] as? String else { throw APIError(.badRequest, "malformed JSON patch: operation \(index) (\(op)) needs \"from\"") }
                return try pointer(from, index)
            }
            let tokens = try pointer(path, index)
            do {
                switch op {
                case "add": document = try add(document, tokens, try value())
                case "remove": document = try remove(document, tokens).document
                case "replace":
                    _ = try get(document, tokens)
                    document = try add(remove(document, tokens).document, tokens, try value())
                case "move":
                    let source = try from()
                    let (without, moved) = try remove(document, source)
                    document = try add(without, tokens, moved)
                case "copy": document = try add(document, tokens, try get(document, try from()))
                case "test":
                    let actual = try get(document, tokens)
                    guard JSONEquality.equal(actual, try value()) else {
                        throw Failure("test failed: the value at \(path) is not the expected one")
                    }
                default:
                    throw APIError(.badRequest, "malformed JSON patch: operation \(index) has unknown op \"\(op)\": must be add, remove, replace, move, copy or test")
                }
            } catch let failure as Failure {
                throw APIError(.invalid, "the JSON patch cannot be applied: operation \(index) (\(op) \(path)): \(failure.message)")
            } catch let error as APIError {
                throw error
            } catch {
                throw APIError(.internalError, "could not apply the JSON patch: \(error)")
            }
        }
        do {
            return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .fragmentsAllowed])
        } catch {
            throw APIError(.internalError, "could not encode the patched object: \(error)")
        }
    }

    private struct Failure: Error { let message: String; init(_ message: String) { self.message = message } }

    /// RFC 6901 reference tokens; `~1` is `/` and `~0` is `~`.
    private static func pointer(_ text: String, _ index: Int) throws(APIError) -> [String] {
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else { throw APIError(.badRequest, "malformed JSON patch: operation \(index): path \"\(text)\" must be empty or start with /") }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
    }

    private static func arrayIndex(_ token: String, count: Int, appending: Bool) throws -> Int {
        if appending, token == "-" { return count }
        guard let index = Int(token), index >= 0, String(index) == token, index < count + (appending ? 1 : 0) else {
            throw Failure("array index \"\(token)\" is out of range (\(count) elements)")
        }
        return index
    }

    private static func get(_ document: Any, _ tokens: [String]) throws -> Any {
        var current = document
        for token in tokens {
            if let object = current as? [String: Any] {
                guard let next = object[token] else { throw Failure("no member \"\(token)\"") }
                current = next
            } else if let array = current as? [Any] {
                current = array[try arrayIndex(token, count: array.count, appending: false)]
            } else {
                throw Failure("\"\(token)\" is inside a value that is neither an object nor an array")
            }
        }
        return current
    }

    private static func add(_ document: Any, _ tokens: [String], _ value: Any) throws -> Any {
        guard let token = tokens.first else { return value }
        let rest = Array(tokens.dropFirst())
        if var object = document as? [String: Any] {
            if rest.isEmpty {
                object[token] = value
            } else {
                guard let child = object[token] else { throw Failure("no member \"\(token)\"") }
                object[token] = try add(child, rest, value)
            }
            return object
        }
        if var array = document as? [Any] {
            let index = try arrayIndex(token, count: array.count, appending: rest.isEmpty)
            if rest.isEmpty { array.insert(value, at: index) } else { array[index] = try add(array[index], rest, value) }
            return array
        }
        throw Failure("\"\(token)\" is inside a value that is neither an object nor an array")
    }

    private static func remove(_ document: Any, _ tokens: [String]) throws -> (document: Any, removed: Any) {
        guard let token = tokens.first else { throw Failure("the whole document cannot be removed") }
        let rest = Array(tokens.dropFirst())
        if var object = document as? [String: Any] {
            guard let child = object[token] else { throw Failure("no member \"\(token)\"") }
            if rest.isEmpty {
                object[token] = nil
                return (object, child)
            }
            let (updated, removed) = try remove(child, rest)
            object[token] = updated
            return (object, removed)
        }
        if var array = document as? [Any] {
            let index = try arrayIndex(token, count: array.count, appending: false)
            if rest.isEmpty {
                let removed = array.remove(at: index)
                return (array, removed)
            }
            let (updated, removed) = try remove(array[index], rest)
            array[index] = updated
            return (array, removed)
        }
        throw Failure("\"\(token)\" is inside a value that is neither an object nor an array")
    }
}
