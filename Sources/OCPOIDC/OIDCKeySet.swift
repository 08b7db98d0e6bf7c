public import Foundation
import JWTKit

/// An issuer's signing keys, parsed from a JWKS document: the keys jwt-kit verifies with, and their ids.
public struct OIDCKeySet: Sendable {
    let collection: JWTKeyCollection
    /// The `kid` of every key; a key published without one gets `#INDEX`, reachable by tokens that name no key.
    let ids: Set<String>

    /// The signing keys of a JWKS document, or why there are none. Keys this server cannot use (encryption keys, unknown
    /// types) are skipped rather than refused, since issuers publish them beside their signing keys.
    static func signingKeys(in jwks: Data) throws(OIDCError) -> [JWK] {
        let document: LossyKeySet
        do {
            document = try JSONDecoder().decode(LossyKeySet.self, from: jwks)
        } catch {
            throw OIDCError("it is not a JWKS document: a JSON object with a \"keys\" array")
        }
        var keys: [JWK] = []
        for (index, entry) in document.keys.enumerated() {
            guard var key = entry.key, entry.use != "enc", key.algorithm != .rsaOAEP else { continue }
            if key.keyIdentifier == nil { key.keyIdentifier = JWKIdentifier(string: "#\(index)") }
            keys.append(key)
        }
        guard !keys.isEmpty else { throw OIDCError("it has no RSA, EC or OKP signing key") }
        return keys
    }

    /// How many signing keys a JWKS document has; an error says why it has none. For checking a file before serving.
    public static func countSigningKeys(in jwks: Data) throws(OIDCError) -> Int {
        try signingKeys(in: jwks).count
    }

    /// The key set of a JWKS document; a key whose numbers are not a valid key is an error naming it.
    static func parse(_ jwks: Data) async throws(OIDCError) -> OIDCKeySet {
        let collection = JWTKeyCollection()
        var ids: Set<String> = []
        for key in try signingKeys(in: jwks) {
            let id = key.keyIdentifier?.string ?? ""
            do {
                try await collection.add(jwk: key)
            } catch {
                throw OIDCError("\(JWTShape.quotable(id).map { "its key \"\($0)\"" } ?? "one of its keys") is not a valid \(key.keyType.rawValue) key")
            }
            ids.insert(id)
        }
        return OIDCKeySet(collection: collection, ids: ids)
    }

    /// True when the set has the key a token's header names; a token naming none may be signed by any of them.
    func contains(_ kid: String?) -> Bool {
        kid.map(ids.contains) ?? true
    }

    /// Verifies the signature of `token` with the key it names (with each key when it names none) and returns its claims.
    func verify(_ token: String, kid: String?) async throws(OIDCError) -> ClaimSet {
        do {
            return try await collection.verify(token, as: ClaimSet.self, iteratingKeys: kid == nil)
        } catch {
            // jwt-kit's reasons can quote the token's parts; this one cannot.
            throw OIDCError("the OIDC token's signature does not verify with the issuer's key\(kid.flatMap(JWTShape.quotable).map { " \"\($0)\"" } ?? "s")")
        }
    }
}

/// A JWKS document read key by key, so one key of a kind jwt-kit does not know does not spoil the rest.
private struct LossyKeySet: Decodable {
    struct Entry: Decodable {
        enum Field: String, CodingKey { case use }
        var key: JWK?
        var use: String?

        init(from decoder: any Decoder) throws {
            key = try? JWK(from: decoder)
            use = try? decoder.container(keyedBy: Field.self).decodeIfPresent(String.self, forKey: .use)
        }
    }

    var keys: [Entry]
}
