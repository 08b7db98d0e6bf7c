import Foundation

/// One schema change: a name (`NNNN_name`, the file name) and its SQL, possibly several statements.
struct Migration: Sendable, Hashable {
    let name: String
    let sql: String

    /// The statements of `sql`, split at top-level semicolons. Quotes, comments, `$$` bodies and
    /// SQLite trigger bodies (`BEGIN ... END;`) are kept whole.
    var statements: [String] {
        var statements: [String] = []
        var current = ""
        var characters = sql.makeIterator()
        var lookahead: Character?
        func next() -> Character? {
            if let character = lookahead { lookahead = nil; return character }
            return characters.next()
        }
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { statements.append(trimmed) }
            current = ""
        }
        while let character = next() {
            switch character {
            case "-":
                let following = next()
                if following == "-" {
                    // A line comment: dropped, so it cannot hide a semicolon.
                    while let skipped = next(), skipped != "\n" {}
                    current.append("\n")
                } else {
                    current.append(character)
                    lookahead = following
                }
            case "'":
                current.append(character)
                while let quoted = next() {
                    current.append(quoted)
                    if quoted == "'" { break }
                }
            case "$":
                current.append(character)
                let following = next()
                if following == "$" {
                    current.append("$")
                    // A dollar-quoted body runs to the next `$$`.
                    var previous: Character = " "
                    while let quoted = next() {
                        current.append(quoted)
                        if previous == "$", quoted == "$" { break }
                        previous = quoted
                    }
                } else {
                    lookahead = following
                }
            case ";":
                let words = current.uppercased().split(whereSeparator: { $0.isWhitespace })
                let insideTrigger = words.starts(with: ["CREATE", "TRIGGER"]) && words.contains("BEGIN") && words.last != "END"
                if insideTrigger { current.append(character) } else { flush() }
            default:
                current.append(character)
            }
        }
        flush()
        return statements
    }
}
