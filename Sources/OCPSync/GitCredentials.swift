import Foundation
import OCPModel

/// Keys and tokens for private repositories, from a file the server's operator writes: for each URL prefix, an SSH key
/// file or a file holding an HTTPS token. Only the paths are kept; git reads the secrets when it runs, so a secret is
/// never in git's arguments, its environment, a URL, a source's status or an error.
public struct GitCredentials: Sendable, Hashable, Codable {
    /// How to reach the repositories whose URL begins with `urlPrefix`.
    public struct Entry: Sendable, Hashable, Codable {
        /// Compared with `spec.repo` as text; end it with `/` to cover one owner's repositories and no others.
        public var urlPrefix: String
        /// A private key for ssh:// and user@host:path repositories.
        public var sshKeyFile: String?
        /// A file whose content is a token for https:// repositories, sent only to the prefix's host.
        public var httpsTokenFile: String?
        /// The user name sent with the token; default `x-access-token`, which the common forges accept with any token.
        public var username: String?

        /// Creates an entry.
        public init(urlPrefix: String, sshKeyFile: String? = nil, httpsTokenFile: String? = nil, username: String? = nil) {
            self.urlPrefix = urlPrefix
            self.sshKeyFile = sshKeyFile
            self.httpsTokenFile = httpsTokenFile
            self.username = username
        }

        enum CodingKeys: String, CodingKey { case urlPrefix, sshKeyFile, httpsTokenFile, username }
    }

    public var credentials: [Entry]

    /// Creates credentials.
    public init(credentials: [Entry]) {
        self.credentials = credentials
    }

    enum CodingKeys: String, CodingKey { case credentials }

    /// Reads, strictly decodes and checks a credentials file.
    public static func load(path: String) throws -> GitCredentials {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw GitCredentialsError(path: path, message: "cannot read: \(error.localizedDescription)")
        }
        let decoded: GitCredentials
        do {
            decoded = try StrictYAML.decode(GitCredentials.self, from: text)
        } catch {
            throw GitCredentialsError(path: path, message: "\(error.line.map { "line \($0): " } ?? "")\(error)")
        }
        let problems = decoded.validate()
        if !problems.isEmpty { throw GitCredentialsError(path: path, message: ValidationFailure(problems).description) }
        return decoded
    }

    /// The entry with the longest prefix of `repo`, or nil.
    public func entry(for repo: String) -> Entry? {
        credentials.filter { repo.hasPrefix($0.urlPrefix) }.max { $0.urlPrefix.count < $1.urlPrefix.count }
    }

    /// Every problem with the entries: each names one file, by an absolute path (git runs in the checkout, not here).
    func validate() -> [FieldError] {
        var errors: [FieldError] = []
        for (index, entry) in credentials.enumerated() {
            let field = "credentials[\(index)]"
            func refuse(_ name: String, _ message: String) {
                errors.append(FieldError(reason: .invalid, field: name.isEmpty ? field : "\(field).\(name)", message: message))
            }
            if entry.urlPrefix.isEmpty { refuse("urlPrefix", "must not be empty") }
            switch (entry.sshKeyFile, entry.httpsTokenFile) {
            case (nil, nil), (.some, .some): refuse("", "must set exactly one of sshKeyFile and httpsTokenFile")
            case let (key?, nil): if !Self.isAbsolutePath(key) { refuse("sshKeyFile", "must be an absolute path") }
            case let (nil, token?):
                if !Self.isAbsolutePath(token) { refuse("httpsTokenFile", "must be an absolute path") }
                if Self.httpsContext(entry.urlPrefix) == nil {
                    refuse("urlPrefix", "must be https://host/... with no user, to say where the token may be sent")
                }
            }
            if let username = entry.username, username.isEmpty || !username.unicodeScalars.allSatisfy(Self.isPlainUserCharacter) {
                refuse("username", "must be letters, digits and . _ - @ +")
            }
        }
        return errors
    }

    /// What git's environment gains to fetch `repo`: nothing when no entry matches.
    func environment(for repo: String) -> [String: String] {
        guard let entry = entry(for: repo) else { return [:] }
        if let key = entry.sshKeyFile {
            return ["GIT_SSH_COMMAND": "ssh -i \(Self.shellQuoted(key)) -o IdentitiesOnly=yes -o BatchMode=yes"]
        }
        guard let tokenFile = entry.httpsTokenFile, let context = Self.httpsContext(entry.urlPrefix) else { return [:] }
        // A helper git runs for `get`, which reads the file then: the token stays out of argv, the environment and URLs.
        // Scoped to the prefix's scheme and host, so a redirect to another host is sent no token.
        let user = Self.shellQuoted(entry.username ?? "x-access-token")
        let helper = "!f() { test \"$1\" = get || exit 0; printf 'username=%s\\n' \(user); "
            + "printf 'password=%s\\n' \"$(cat \(Self.shellQuoted(tokenFile)))\"; }; f"
        return ["GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "credential.\(context).helper", "GIT_CONFIG_VALUE_0": helper]
    }

    /// `https://host[:port]` of an https prefix without userinfo, as git's `credential.<url>` matches it; nil otherwise.
    static func httpsContext(_ prefix: String) -> String? {
        guard prefix.lowercased().hasPrefix("https://") else { return nil }
        let authority = prefix.dropFirst("https://".count).prefix { $0 != "/" }
        guard !authority.isEmpty, authority.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_:".contains($0)) }) else {
            return nil
        }
        return "https://\(authority)"
    }

    /// `value` in single quotes for `sh`, each `'` inside closed, escaped and reopened.
    static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    private static func isAbsolutePath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }

    /// A user name must not break the credential protocol's `key=value` lines.
    private static func isPlainUserCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-@+".unicodeScalars.contains(scalar))
    }
}

/// A credentials file that cannot be used, with its path.
public struct GitCredentialsError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    /// Creates the error.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "git credentials file \(path): \(message)" }
}
