public import OCPModel

/// API token records, found by the SHA-256 of their secret; the secret itself is never stored.
public protocol TokenStore: Sendable {
    /// Stores a new token record under the SHA-256 `hash` of its secret; sets creationTimestamp = now; `.alreadyExists` if the id or hash is taken.
    func createToken(_ token: APIToken, hash: String, now: Timestamp) async throws -> APIToken
    /// The record whose secret hashes to `hash`, expired or not (the caller decides), or nil.
    func token(hash: String) async throws -> APIToken?
    /// Every token record, by id; never a hash or a secret.
    func listTokens() async throws -> [APIToken]
    /// Deletes (revokes) a token and returns its record; `.notFound(kind: "Token", ...)` when there is none.
    func deleteToken(id: String) async throws -> APIToken
    /// Records a use; writes only when the stored time is older than `granularity` seconds, so a busy token costs one write a minute.
    func touchToken(id: String, at: Timestamp, granularity: Int64) async throws
    /// How many tokens exist (the first start seeds one when there are none).
    func countTokens() async throws -> Int
}
