/// What a SyncSource may ask of `git`: its repo, revision and path reach the git subprocess on the server, so each is
/// held to a form git cannot read as an option, a remote helper (`ext::`) or an unauthenticated transport.
public enum GitInputRules {
    /// Errors for `spec.repo`: an `https://` or `ssh://` URL or `user@host:path`; `file://` and paths only when `allowLocal`.
    public static func repo(_ value: String, allowLocal: Bool) -> [FieldError] {
        let field = "spec.repo"
        if value.isEmpty { return [FieldError(reason: .required, field: field, message: "must name a repository")] }
        if value.hasPrefix("-") { return [FieldError(reason: .invalid, field: field, message: #"must not begin with "-""#)] }
        if value.unicodeScalars.contains(where: isSpaceOrControl) {
            return [FieldError(reason: .invalid, field: field, message: "must not contain whitespace or control characters")]
        }
        if let separator = value.range(of: "://") {
            let scheme = value[..<separator.lowerBound].lowercased()
            let rest = String(value[separator.upperBound...])
            switch scheme {
            case "https": return httpsURL(rest, field: field)
            case "ssh": return sshURL(rest, field: field)
            case "file": return allowLocal ? [] : [localRefused(field)]
            case "http", "git":
                return [FieldError(reason: .forbidden, field: field,
                                   message: "must not use \(scheme)://, which is unencrypted: use https:// or ssh://")]
            default:
                return [FieldError(reason: .forbidden, field: field,
                                   message: "must use https://, ssh:// or user@host:path; \"\(scheme)://\" is not allowed")]
            }
        }
        // git reads `name::address` as "run the remote helper git-remote-name", `ext::` and `fd::` among them.
        if let helper = value.range(of: "::"), value[..<helper.lowerBound].allSatisfy(isSchemeCharacter) {
            return [FieldError(reason: .forbidden, field: field,
                               message: "must not use a remote helper (\"\(value[..<helper.lowerBound])::\"): use https://, ssh:// or user@host:path")]
        }
        if value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("../") || value == "." || value == ".." {
            return allowLocal ? [] : [localRefused(field)]
        }
        if let at = value.firstIndex(of: "@"), let colon = value[at...].firstIndex(of: ":") {
            return scpLike(user: value[..<at], host: value[value.index(after: at)..<colon], path: value[value.index(after: colon)...], field: field)
        }
        return [FieldError(reason: .invalid, field: field, message: "must be an https:// or ssh:// URL, or user@host:path")]
    }

    /// Errors for `spec.revision`: a branch, tag or commit, spelled as a git ref name may be.
    public static func revision(_ value: String) -> [FieldError] {
        let field = "spec.revision"
        if value.isEmpty { return [FieldError(reason: .required, field: field, message: "must not be empty")] }
        var errors: [FieldError] = []
        func refuse(_ message: String) { errors.append(FieldError(reason: .invalid, field: field, message: message)) }
        if value.utf8.count > 255 {
            errors.append(FieldError(reason: .tooLong, field: field, message: "must be at most 255 bytes, got \(value.utf8.count)"))
        }
        if value.hasPrefix("-") { refuse(#"must not begin with "-""#) }
        if value.unicodeScalars.contains(where: { isSpaceOrControl($0) || forbiddenInRef.contains($0) }) {
            refuse(#"must not contain whitespace, control characters or any of ~ ^ : ? * [ \"#)
        }
        if value.contains("..") { refuse(#"must not contain "..""#) }
        if value.contains("@{") { refuse(#"must not contain "@{""#) }
        if value.contains("//") || value.hasPrefix("/") { refuse(#"must not begin with "/" or contain "//""#) }
        if value.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { refuse(#"must not have a part beginning with ".""#) }
        for suffix in [".lock", "/", "."] where value.hasSuffix(suffix) { refuse("must not end with \"\(suffix)\"") }
        return errors
    }

    /// Errors for `spec.path`: a relative directory inside the repository.
    public static func path(_ value: String) -> [FieldError] {
        let field = "spec.path"
        var errors: [FieldError] = []
        func refuse(_ message: String) { errors.append(FieldError(reason: .invalid, field: field, message: message)) }
        if value.hasPrefix("/") { refuse(#"must be a relative path inside the repository, not begin with "/""#) }
        if value.hasPrefix("-") { refuse(#"must not begin with "-""#) }
        if value.split(separator: "/").contains("..") { refuse(#"must not have a ".." part"#) }
        if value.unicodeScalars.contains(where: isControl) { refuse("must not contain control characters") }
        return errors
    }

    /// `host[:port]/path`, with no user: a token or password in the URL would be stored, logged and shown in status.
    private static func httpsURL(_ rest: String, field: String) -> [FieldError] {
        let authority = rest.prefix { $0 != "/" }
        if authority.contains("@") {
            return [FieldError(reason: .forbidden, field: field,
                               message: "must not embed credentials in the URL: configure credentials for this repository on the server instead")]
        }
        return hostAndPath(authority: authority, path: rest.dropFirst(authority.count), field: field)
    }

    /// `[user@]host[:port]/path`.
    private static func sshURL(_ rest: String, field: String) -> [FieldError] {
        var authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        if let at = authority.lastIndex(of: "@") {
            if !isPlainName(authority[..<at]) {
                return [FieldError(reason: .invalid, field: field, message: "must have a user of letters, digits, \".\", \"-\" and \"_\"")]
            }
            authority = authority[authority.index(after: at)...]
        }
        return hostAndPath(authority: authority, path: path, field: field)
    }

    private static func hostAndPath(authority: Substring, path: Substring, field: String) -> [FieldError] {
        let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if !isPlainName(parts[0]) || parts[0].hasPrefix("-") {
            return [FieldError(reason: .invalid, field: field, message: "must have a host of letters, digits, \".\", \"-\" and \"_\", not beginning with \"-\"")]
        }
        if parts.count == 2, parts[1].isEmpty || !parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) {
            return [FieldError(reason: .invalid, field: field, message: "must have a numeric port after the host's \":\"")]
        }
        if path.count < 2 { return [FieldError(reason: .invalid, field: field, message: "must name a repository path after the host")] }
        return []
    }

    /// `user@host:path`, git's scp-like ssh form; the path may be relative to the user's home.
    private static func scpLike(user: Substring, host: Substring, path: Substring, field: String) -> [FieldError] {
        if !isPlainName(user) || !isPlainName(host) || user.hasPrefix("-") || host.hasPrefix("-") {
            return [FieldError(reason: .invalid, field: field,
                               message: "must have a user and host of letters, digits, \".\", \"-\" and \"_\" in user@host:path")]
        }
        if path.isEmpty { return [FieldError(reason: .invalid, field: field, message: "must name a repository path after user@host:")] }
        if path.hasPrefix("-") { return [FieldError(reason: .invalid, field: field, message: #"must not have a path beginning with "-""#)] }
        return []
    }

    private static func localRefused(_ field: String) -> FieldError {
        FieldError(reason: .forbidden, field: field,
                   message: "must not be a local path or file:// URL on this server: use https://, ssh:// or user@host:path")
    }

    /// The characters `git check-ref-format` refuses besides spaces and control characters.
    private static let forbiddenInRef: Set<Unicode.Scalar> = ["~", "^", ":", "?", "*", "[", "\\"]

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool { scalar.value < 0x20 || scalar.value == 0x7f }

    private static func isSpaceOrControl(_ scalar: Unicode.Scalar) -> Bool { isControl(scalar) || scalar.properties.isWhitespace }

    /// True for git's URL scheme characters, which make `name::` a remote helper.
    private static func isSchemeCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "+-.".contains(character))
    }

    /// Non-empty, only ASCII letters, digits, `.`, `-` and `_`.
    private static func isPlainName(_ value: Substring) -> Bool {
        !value.isEmpty && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }
    }
}
