/// A selector that could not be parsed, naming the offending token and where it starts.
public struct LabelSelectorParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var selector: String
    public var token: String
    public var offset: Int
    public var reason: String

    public var description: String {
        "invalid label selector \"\(selector)\": \(reason) at \"\(token)\" (offset \(offset))"
    }
}

extension LabelSelector {
    /// Parses Kubernetes selector syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-separated.
    public init(parsing text: String) throws(LabelSelectorParseError) {
        var lexer = SelectorLexer(text: text)
        var requirements: [Requirement] = []
        func fail(_ token: SelectorLexer.Token, _ reason: String) -> LabelSelectorParseError {
            LabelSelectorParseError(selector: text, token: token.text.isEmpty ? "end of input" : token.text, offset: token.offset, reason: reason)
        }
        func key(_ token: SelectorLexer.Token) throws(LabelSelectorParseError) -> String {
            guard token.kind == .word, LabelSelector.isValidKey(token.text) else { throw fail(token, "expected a label key") }
            return token.text
        }
        func value(_ token: SelectorLexer.Token) throws(LabelSelectorParseError) -> String {
            guard token.kind == .word, LabelSelector.isValidValue(token.text) else { throw fail(token, "expected a label value") }
            return token.text
        }
        if lexer.peek().kind == .end { self.init(requirements: []); return }
        while true {
            let first = lexer.next()
            if first.kind == .bang {
                requirements.append(.doesNotExist(try key(lexer.next())))
            } else {
                let name = try key(first)
                let op = lexer.peek()
                switch op.kind {
                case .equals, .doubleEquals, .notEquals:
                    _ = lexer.next()
                    let operand = lexer.peek().kind == .word ? try value(lexer.next()) : ""
                    requirements.append(op.kind == .notEquals ? .notEquals(name, operand) : .equals(name, operand))
                case .word where op.text == "in" || op.text == "notin":
                    _ = lexer.next()
                    let open = lexer.next()
                    guard open.kind == .open else { throw fail(open, "expected \"(\"") }
                    var values: [String] = []
                    while true {
                        values.append(try value(lexer.next()))
                        let separator = lexer.next()
                        if separator.kind == .close { break }
                        guard separator.kind == .comma else { throw fail(separator, "expected \",\" or \")\"") }
                    }
                    requirements.append(op.text == "in" ? .in(name, values) : .notIn(name, values))
                case .comma, .end:
                    requirements.append(.exists(name))
                default:
                    throw fail(op, "expected an operator (=, ==, !=, in, notin)")
                }
            }
            let separator = lexer.next()
            if separator.kind == .end { break }
            guard separator.kind == .comma else { throw fail(separator, "expected \",\"") }
        }
        self.init(requirements: requirements)
    }

    // Keys: an optional DNS prefix and "/", then a name of at most 63 characters.
    static func isValidKey(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.last, !name.isEmpty, name.count <= 63 else { return false }
        if parts.count == 2, parts[0].isEmpty || parts[0].count > 253 { return false }
        return key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }
    }

    static func isValidValue(_ value: String) -> Bool {
        value.count <= 63 && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}

/// Splits selector text into words and operators.
struct SelectorLexer {
    enum Kind { case word, equals, doubleEquals, notEquals, bang, open, close, comma, end }
    struct Token { var kind: Kind; var text: String; var offset: Int }

    let characters: [Character]
    var position = 0
    var lookahead: Token?

    init(text: String) { characters = Array(text) }

    mutating func peek() -> Token {
        if let lookahead { return lookahead }
        let token = scan()
        lookahead = token
        return token
    }

    mutating func next() -> Token {
        let token = peek()
        lookahead = nil
        return token
    }

    private mutating func scan() -> Token {
        while position < characters.count, characters[position] == " " { position += 1 }
        let start = position
        guard position < characters.count else { return Token(kind: .end, text: "", offset: start) }
        let character = characters[position]
        func single(_ kind: Kind) -> Token { position += 1; return Token(kind: kind, text: String(character), offset: start) }
        switch character {
        case "(": return single(.open)
        case ")": return single(.close)
        case ",": return single(.comma)
        case "=":
            if position + 1 < characters.count, characters[position + 1] == "=" {
                position += 2
                return Token(kind: .doubleEquals, text: "==", offset: start)
            }
            return single(.equals)
        case "!":
            if position + 1 < characters.count, characters[position + 1] == "=" {
                position += 2
                return Token(kind: .notEquals, text: "!=", offset: start)
            }
            return single(.bang)
        default:
            while position < characters.count, !" ()=!,".contains(characters[position]) { position += 1 }
            return Token(kind: .word, text: String(characters[start..<position]), offset: start)
        }
    }
}
