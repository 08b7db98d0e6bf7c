public import OCPModel
public import OCPStore

/// The tokens file seeds the store on first start, so a new install has its first admin; after that tokens are
/// managed through the API (`ocpctl token create|list|revoke`) and the file is not read again.
public enum TokenSeeding {
    /// Stores every entry of `file` when the store holds no token yet; returns how many it stored.
    @discardableResult
    public static func seed(_ file: TokenFile, into store: any TokenStore, now: Timestamp) async throws -> Int {
        guard try await store.countTokens() == 0 else { return 0 }
        var stored = 0
        for entry in file.tokens {
            let hash = entry.sha256.lowercased()
            // The id derives from the hash, so replicas starting together store each entry once.
            let token = APIToken(metadata: ObjectMeta(name: "tok-" + hash.prefix(12)),
                                 spec: APITokenSpec(user: entry.user, teams: entry.teams, role: entry.role),
                                 status: APITokenStatus(createdBy: "system:tokens-file"))
            do {
                _ = try await store.createToken(token, hash: hash, now: now)
                stored += 1
            } catch StoreError.alreadyExists {
                continue
            }
        }
        return stored
    }
}
