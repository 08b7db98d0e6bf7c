import OCPModel
import OCPStore

/// The Token kind, admins only: create shows the secret once, list never does, delete revokes at once on every replica.
struct TokenHandler: ResourceHandler {
    let store: any ControlPlaneStore
    let now: @Sendable () -> Timestamp
    let names = ResourceNames(kind: APIToken.kind, namespaced: false)

    func decode(_ body: [UInt8]) throws(APIError) -> APIToken {
        try strictDecode(body)
    }

    func get(namespace: String?, name: String) async throws -> APIToken {
        guard let token = try await store.listTokens().first(where: { $0.metadata.name == name }) else {
            throw StoreError.notFound(kind: APIToken.kind, name: name)
        }
        return token
    }

    func list(namespace: String?, parameters: ListParameters, caller: Caller) async throws -> any Encodable & Sendable {
        ItemList(kind: "TokenList", items: try await store.listTokens())
    }

    /// Stores the hash of a new random secret; the response is the only place the secret ever appears.
    func create(_ token: APIToken, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> APIToken {
        var token = token
        if token.metadata.name.isEmpty { token.metadata.name = Self.newID() }
        note.name = token.metadata.name
        let errors = typeErrors(token) + NameRules.dns1123Label(token.metadata.name, field: "metadata.name") + Self.validate(token.spec, now: now())
        guard errors.isEmpty else { throw APIError.invalid(kind: names.kind, token.metadata.name, errors) }
        token.status = APITokenStatus(createdBy: caller.identity.user)
        note.summary = "token for user \(token.spec.user), role \(token.spec.role.rawValue), teams \((token.spec.teams ?? []).joined(separator: ",")), "
            + "expires \(token.spec.expirationTimestamp.map { "\($0)" } ?? "never")"
        guard !dryRun else { return token }
        let secret = TokenFile.generateToken()
        var created = try await store.createToken(token, hash: TokenFile.hash(secret), now: now())
        created.status = APITokenStatus(token: secret, createdBy: caller.identity.user)
        return created
    }

    func update(_ desired: APIToken, current: APIToken, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> APIToken {
        throw APIError(.methodNotAllowed, "tokens are immutable: revoke this one and create another")
    }

    func delete(_ current: APIToken, caller: Caller, dryRun: Bool, note: inout AuditNote) async throws -> APIToken {
        note.summary = "token of user \(current.spec.user) revoked"
        guard !dryRun else { return current }
        return try await store.deleteToken(id: current.metadata.name)
    }

    /// The rules a token's spec must meet: a printable user, teams that are namespaces, an expiry in the future.
    static func validate(_ spec: APITokenSpec, now: Timestamp) -> [FieldError] {
        var errors: [FieldError] = []
        if spec.user.isEmpty || spec.user.utf8.count > 253 || spec.user.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7f }) {
            errors.append(FieldError(reason: .invalid, field: "spec.user", message: "must be 1 to 253 printable characters without spaces"))
        }
        if spec.user.hasPrefix("system:"), spec.role != .controller {
            errors.append(FieldError(reason: .forbidden, field: "spec.user", message: "the system: prefix is reserved for ocpctl's own identities and controllers"))
        }
        for (index, team) in (spec.teams ?? []).enumerated() {
            errors += NameRules.dns1123Label(team, field: "spec.teams[\(index)]")
        }
        for (index, controller) in (spec.controllers ?? []).enumerated() where controller != "*" {
            errors += NameRules.dns1123Label(controller, field: "spec.controllers[\(index)]")
        }
        if spec.controllers != nil, spec.role != .controller {
            errors.append(FieldError(reason: .forbidden, field: "spec.controllers", message: "only a controller token names controllers"))
        }
        if spec.role == .requester, (spec.teams ?? []).isEmpty {
            errors.append(FieldError(reason: .required, field: "spec.teams", message: "a requester needs at least one team"))
        }
        if let expires = spec.expirationTimestamp, expires <= now {
            errors.append(FieldError(reason: .invalid, field: "spec.expirationTimestamp", message: "must be in the future, got \(expires)"))
        }
        return errors
    }

    /// `tok-` and 12 random hex digits.
    static func newID() -> String { "tok-" + TokenFile.generateToken().prefix(12) }
}
