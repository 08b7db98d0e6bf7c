import Foundation

/// Removes secrets from installer output before it reaches a log sink, an artifact, an error or the store.
///
/// Two kinds of secret: values known up front or learned while the installer runs (the pull secret and each
/// registry credential in it, the kubeadmin password, a bearer token), replaced wherever they occur; and the
/// shapes the installer prints them in (`password: "…"`, `sha256~…` tokens), replaced even when the value is new.
public struct LogScrubber: Sendable, Hashable {
    /// What a secret becomes.
    public static let mask = "<redacted>"
    /// Values shorter than this are not treated as secrets: replacing them would mangle ordinary text.
    static let minimumLength = 6

    /// The literal values, longest first so a value containing another is replaced whole.
    public private(set) var secrets: [String]

    /// A scrubber for `secrets`; empty and very short values are ignored.
    public init(secrets: [String] = []) {
        self.secrets = []
        add(secrets)
    }

    /// Adds values to scrub from now on (e.g. the kubeadmin password once the installer has written it).
    public mutating func add(_ values: [String]) {
        let fresh = values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { $0.count >= Self.minimumLength && !secrets.contains($0) }
        secrets = (secrets + fresh).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// `text` with every known secret and every secret-shaped value replaced by `mask`.
    public func scrub(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return Self.scrubShapes(result)
    }

    /// Replaces values by their shape: quoted passwords, OpenShift `sha256~` tokens, `Authorization: Bearer` headers.
    static func scrubShapes(_ text: String) -> String {
        guard text.contains("password") || text.contains("sha256~") || text.contains("Bearer ") else { return text }
        var result = text
        result.replace(/(?i)(password[\\"]*[:=]\s*\\?")([^"\\]+)(\\?")/) { match in
            "\(match.output.1)\(mask)\(match.output.3)"
        }
        result.replace(/(?i)(password=)([^\s"]+)/) { match in "\(match.output.1)\(mask)" }
        result.replace(/(Bearer )[A-Za-z0-9_\-\.~+\/=]+/) { match in "\(match.output.1)\(mask)" }
        result.replace(/sha256~[A-Za-z0-9_\-]+/) { _ in "sha256~\(mask)" }
        return result
    }

    /// The values of a pull secret worth scrubbing: the document as given and compacted, and every `auth`,
    /// `password` and `identitytoken` inside it, with the decoded `user:password` of each `auth`.
    public static func pullSecretValues(_ pullSecret: String) -> [String] {
        var values = [pullSecret.trimmingCharacters(in: .whitespacesAndNewlines)]
        guard let data = pullSecret.data(using: .utf8),
              let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return values }
        if let compact = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]) {
            values.append(String(decoding: compact, as: UTF8.self))
        }
        for case let entry as [String: Any] in (document["auths"] as? [String: Any])?.values.map({ $0 }) ?? [] {
            for key in ["auth", "password", "identitytoken"] {
                guard let value = entry[key] as? String else { continue }
                values.append(value)
                if key == "auth", let decoded = Data(base64Encoded: value).map({ String(decoding: $0, as: UTF8.self) }) {
                    values.append(decoded)
                    if let colon = decoded.firstIndex(of: ":") { values.append(String(decoded[decoded.index(after: colon)...])) }
                }
            }
        }
        return values
    }
}
