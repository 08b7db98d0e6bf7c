public import Foundation
public import Logging

/// Who a verified OIDC token names, prefixed as the provider says.
public struct OIDCUser: Sendable, Hashable {
    /// The username claim with the provider's prefix.
    public let username: String
    /// The groups claim's names, each with the groups prefix; empty without a groups claim.
    public let groups: [String]

    /// Creates a user.
    public init(username: String, groups: [String]) {
        self.username = username
        self.groups = groups
    }
}

/// Checks OIDC bearer tokens as kube-apiserver does: an accepted algorithm, the issuer, a signature by one of the
/// issuer's keys, the audience, the dates against the server's clock; then reads the username and groups claims.
public struct OIDCTokenVerifier: Sendable {
    /// The issuer and the rules its tokens are held to.
    public let provider: OIDCProvider
    let keys: OIDCKeyCache
    let now: @Sendable () -> Date

    /// Tokens longer than this are refused unread.
    static let maxTokenBytes = 16 << 10
    /// How far ahead of this clock a token's `nbf` may be, as kube-apiserver's verifier allows.
    static let clockSkewSeconds: TimeInterval = 300

    /// Creates a verifier; `now` is the clock the tokens' dates, and the minute between key reloads, are counted on.
    public init(provider: OIDCProvider, now: @escaping @Sendable () -> Date) {
        self.provider = provider
        self.now = now
        keys = OIDCKeyCache(loader: JWKSLoader(source: provider.keys), now: now)
    }

    /// The service that loads the keys at start and reloads them every `interval`; run it beside the server.
    public func refresher(interval: Duration = .seconds(3600), logger: Logger) -> OIDCKeyRefresher {
        OIDCKeyRefresher(cache: keys, interval: interval, logger: logger)
    }

    /// The user `token` names, or why it is refused; the error never quotes the token.
    public func verify(_ token: String) async throws(OIDCError) -> OIDCUser {
        guard token.utf8.count <= Self.maxTokenBytes else { throw OIDCError("the OIDC token is longer than \(Self.maxTokenBytes) bytes") }
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3, let header = Self.decode(TokenHeader.self, segments[0]), let unverified = Self.decode(ClaimSet.self, segments[1]) else {
            throw OIDCError("the OIDC token is not a JWT: its header or payload is not base64url-encoded JSON")
        }
        guard let alg = header.alg, provider.signingAlgorithms.contains(alg) else {
            throw OIDCError("the OIDC token is signed with \(JWTShape.quotable(header.alg) ?? "an unnamed algorithm"), not one of \(provider.signingAlgorithms.joined(separator: ", "))")
        }
        // The issuer before the signature, as kube-apiserver: another issuer's token never makes this one's keys reload.
        guard unverified.string("iss") == provider.issuer else {
            throw OIDCError("the OIDC token's issuer is not \(provider.issuer)")
        }
        let keySet = try await keys.keys(for: header.kid)
        guard keySet.contains(header.kid) else {
            throw OIDCError("the OIDC token is signed with a key\(JWTShape.quotable(header.kid).map { " \"\($0)\"" } ?? "") that is not among the issuer's keys")
        }
        return try user(from: try await keySet.verify(token, kid: header.kid))
    }

    /// The user of a token whose signature verified, once its audience and dates pass.
    func user(from claims: ClaimSet) throws(OIDCError) -> OIDCUser {
        guard claims["aud"]?.strings?.contains(provider.clientID) == true else {
            throw OIDCError("the OIDC token's audience does not include \(provider.clientID)")
        }
        let time = now().timeIntervalSince1970
        guard let expiry = claims.number("exp") else { throw OIDCError("the OIDC token has no expiry (exp)") }
        guard time < expiry else { throw OIDCError("the OIDC token expired at \(Self.format(expiry))") }
        if let notBefore = claims.number("nbf"), time + Self.clockSkewSeconds < notBefore {
            throw OIDCError("the OIDC token is not valid before \(Self.format(notBefore))")
        }
        return OIDCUser(username: try username(claims), groups: try groups(claims))
    }

    func username(_ claims: ClaimSet) throws(OIDCError) -> String {
        guard let value = claims.string(provider.usernameClaim), !value.isEmpty else {
            throw OIDCError("the OIDC token has no \(provider.usernameClaim) claim, or it is not a string")
        }
        // As kube-apiserver: an email names the user only when the issuer has not said it is unverified.
        if provider.usernameClaim == "email", let verified = claims["email_verified"], verified != .bool(true) {
            throw OIDCError("the OIDC token's email is not verified (email_verified)")
        }
        let username = provider.effectiveUsernamePrefix + value
        guard username.utf8.count <= 512, username.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) else {
            throw OIDCError("the OIDC token's \(provider.usernameClaim) claim is longer than 512 bytes or has control characters")
        }
        // `system:` names this server's own actors (the reconciler, the janitor) in the audit trail.
        guard !username.hasPrefix("system:") else {
            throw OIDCError("the OIDC username may not start with system:, which is reserved")
        }
        return username
    }

    func groups(_ claims: ClaimSet) throws(OIDCError) -> [String] {
        guard let name = provider.groupsClaim, let value = claims[name] else { return [] }
        guard let groups = value.strings else {
            throw OIDCError("the OIDC token's \(name) claim is not a string or an array of strings")
        }
        return groups.map { provider.groupsPrefix + $0 }
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ segment: Substring) -> Value? {
        JWTShape.decode(segment).flatMap { try? JSONDecoder().decode(type, from: Data($0)) }
    }

    /// A NumericDate as `2026-12-02T10:00:00Z`.
    static func format(_ seconds: TimeInterval) -> String {
        Date(timeIntervalSince1970: seconds.rounded(.down)).formatted(.iso8601)
    }
}
