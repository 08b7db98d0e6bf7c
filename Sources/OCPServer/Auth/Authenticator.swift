/// Maps bearer tokens to identities by their hash; the token itself is never stored or logged.
public struct Authenticator: Sendable {
    private let byHash: [String: Identity]

    /// Indexes a tokens file.
    public init(tokens: TokenFile) {
        var byHash: [String: Identity] = [:]
        for entry in tokens.tokens {
            byHash[entry.sha256.lowercased()] = Identity(user: entry.user, teams: entry.teams ?? [], role: entry.role)
        }
        self.byHash = byHash
    }

    /// The identity for an `Authorization` header value, or a 401 Status saying what is wrong.
    func authenticate(authorization: String?) throws(APIError) -> Identity {
        guard let authorization, !authorization.isEmpty else {
            throw APIError(.unauthorized, "missing bearer token: send \"Authorization: Bearer TOKEN\"")
        }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, "the Authorization header must be \"Bearer TOKEN\"")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard let identity = byHash[TokenFile.hash(token)] else {
            throw APIError(.unauthorized, "invalid bearer token")
        }
        return identity
    }
}
