import Foundation

/// One schema change: a name (`NNNN_name`, the file name) and its SQL, possibly several statements.
struct Migration: Sendable, Hashable {
    let name: String
    let sql: String

    /// The statements of `sql`, split at top-level semicolons. Line and block comments are dropped, so they
    /// cannot hide a semicolon; quoted strings and identifiers, dollar-quoted bodies (`$$` and `$tag$`) and
    /// SQLite trigger bodies (`BEGIN ... END;`) are kept whole.
    var statements: [String] {
        let text = Array(sql)
        var statements: [String] = []
        var current = ""
        var index = 0
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { statements.append(trimmed) }
            current = ""
        }
        /// Copies text up to and including `closing`, from `index`.
        func copy(through closing: [Character]) {
            while index < text.count {
                if text[index...].starts(with: closing) {
                    current.append(contentsOf: closing)
                    index += closing.count
                    return
                }
                current.append(text[index])
                index += 1
            }
        }
        while index < text.count {
            let character = text[index]
            let next: Character? = index + 1 < text.count ? text[index + 1] : nil
            switch character {
            case "-" where next == "-":
                while index < text.count, text[index] != "\n" { index += 1 }
            case "/" where next == "*":
                index += 2
                while index < text.count, !text[index...].starts(with: ["*", "/"]) { index += 1 }
                index += 2
                current.append(" ")
            case "'", "\"":
                current.append(character)
                index += 1
                copy(through: [character])
            case "$":
                if let tag = Self.dollarTag(text, at: index) {
                    current.append(contentsOf: tag)
                    index += tag.count
                    copy(through: tag)
                } else {
                    current.append(character)
                    index += 1
                }
            case ";":
                let words = current.uppercased().split(whereSeparator: { $0.isWhitespace })
                let insideTrigger = words.starts(with: ["CREATE", "TRIGGER"]) && words.contains("BEGIN") && words.last != "END"
                if insideTrigger { current.append(character) } else { flush() }
                index += 1
            default:
                current.append(character)
                index += 1
            }
        }
        flush()
        return statements
    }

    /// The dollar-quote delimiter starting at `start` (`$$` or `$tag$`), or nil for a `$` that opens none (`$1`).
    private static func dollarTag(_ text: [Character], at start: Int) -> [Character]? {
        var end = start + 1
        while end < text.count, text[end] == "_" || text[end].isLetter || (end > start + 1 && text[end].isNumber) { end += 1 }
        guard end < text.count, text[end] == "$" else { return nil }
        return Array(text[start...end])
    }
}
