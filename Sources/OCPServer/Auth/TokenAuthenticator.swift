import OCPModel
import OCPStore

/// Maps bearer tokens to identities through the store, so every API replica sees a new or revoked token at once.
/// Only the token's SHA-256 is looked up; the token itself is never stored or logged.
struct TokenAuthenticator: Sendable {
    let store: any TokenStore
    let now: @Sendable () -> Timestamp
    /// `lastUsedTimestamp` is kept to this many seconds, so a busy token costs one write a minute, not one a request.
    var lastUsedGranularity: Int64 = 60

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
        try await store.touchToken(id: token.metadata.name, at: time, granularity: lastUsedGranularity)
        return token.identity
    }
}
