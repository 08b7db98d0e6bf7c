import OCPAWS
import OCPModel
import OCPStore
import Synchronization

/// Maps bearer tokens to identities through the store, so every API replica sees a new or revoked token at once.
/// Only the token's SHA-256 is looked up; the token itself is never stored or logged.
struct TokenAuthenticator: Sendable {
    let store: any TokenStore
    let now: @Sendable () -> Timestamp
    /// Signs in `k8s-aws-v1.` tokens with AWS IAM when the server trusts an STS endpoint; nil refuses them.
    var iam: IAMAuthenticator?
    /// Signs in JWTs with OIDC when the server trusts an issuer; nil sends them, like any other token, to the stored tokens.
    var oidc: OIDCAuthenticator?
    /// `lastUsedTimestamp` is kept to this many seconds, so a busy token costs one write a minute, not one a request.
    var lastUsedGranularity: Int64 = 60
    /// When this process last recorded each token's use: a burst of requests with one token writes once, not once each.
    private let touched = TouchTimes()

    /// The identity for an `Authorization` header value, or a 401 Status saying what is wrong.
    func authenticate(authorization: String?) async throws -> Identity {
        guard let authorization, !authorization.isEmpty else {
            throw APIError(.unauthorized, "missing bearer token: send \"Authorization: Bearer TOKEN\"")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, "the Authorization header must be \"Bearer TOKEN\"")
        }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        if secret.hasPrefix(IAMToken.prefix) {
            guard let iam else { throw APIError(.unauthorized, "AWS IAM sign-in is not enabled on this server") }
            return try await iam.authenticate(secret)
        }
        if let oidc, OIDCAuthenticator.accepts(secret) {
            return try await oidc.authenticate(secret)
        }
        guard !secret.isEmpty, secret.utf8.count <= 512, let token = try await store.token(hash: TokenFile.hash(secret)) else {
            throw APIError(.unauthorized, "invalid bearer token")
        }
        let time = now()
        guard !token.isExpired(at: time) else {
            throw APIError(.unauthorized, "the bearer token expired at \(token.spec.expirationTimestamp.map { "\($0)" } ?? "")")
        }
        if let used = token.status?.lastUsedTimestamp, time.secondsSinceEpoch - used.secondsSinceEpoch < lastUsedGranularity {
            return token.identity
        }
        if touched.claim(token.metadata.name, at: time.secondsSinceEpoch, granularity: lastUsedGranularity) {
            try await store.touchToken(id: token.metadata.name, at: time, granularity: lastUsedGranularity)
        }
        return token.identity
    }
}

/// The last time this process recorded each token's use.
final class TouchTimes: Sendable {
    private let times = Mutex<[String: Int64]>([:])

    /// True for the one caller that should record a use of `id` at `now`; false for the rest within `granularity`.
    func claim(_ id: String, at now: Int64, granularity: Int64) -> Bool {
        times.withLock { times in
            if let last = times[id], now - last < granularity { return false }
            times[id] = now
            return true
        }
    }
}
