public import OCPModel

extension OCPClient {
    /// Every token record; the API never returns a secret here.
    public func listTokens() async throws -> [APIToken] {
        let list: ItemList<APIToken> = try await call("GET", "\(Self.base)/tokens")
        return list.items
    }

    /// Creates a token; the returned record's `status.token` is the secret, shown this once.
    public func createToken(_ spec: APITokenSpec) async throws -> APIToken {
        try await call("POST", "\(Self.base)/tokens", body: ResourceEncoding.jsonData(APIToken(metadata: ObjectMeta(name: ""), spec: spec)))
    }

    /// Revokes a token at once, on every API replica.
    public func revokeToken(id: String) async throws -> APIToken {
        try await call("DELETE", "\(Self.base)/tokens/\(Self.escape(id))")
    }
}
