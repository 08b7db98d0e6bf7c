public import Foundation
public import JWTKit
import _CryptoExtras

/// An OIDC issuer for tests: a key pair of its own, the JWKS entry publishing the public half, and tokens it signs.
public struct TestIssuer: Sendable {
    /// What tokens carry as `iss`.
    public let url: String
    /// The key's id, named in the JWKS and in every token's header.
    public let kid: String
    let keys: JWTKeyCollection
    let publicKey: [String: String]

    /// An issuer signing with a new 2048-bit RSA key (RS256).
    public static func rsa(url: String = "https://issuer.test", kid: String = "rsa-1") async throws -> TestIssuer {
        let key = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let (modulus, exponent) = try key.publicKey.getKeyPrimitives()
        let keys = JWTKeyCollection()
        await keys.add(rsa: key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        return TestIssuer(url: url, kid: kid, keys: keys, publicKey: ["kty": "RSA", "alg": "RS256", "use": "sig", "kid": kid,
                                                                      "n": base64URL(modulus), "e": base64URL(exponent)])
    }

    /// An issuer signing with a new P-256 key (ES256).
    public static func es256(url: String = "https://issuer.test", kid: String = "ec-1") async throws -> TestIssuer {
        let key = ES256PrivateKey()
        guard let point = key.publicKey.parameters else { throw TestIssuerError() }
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        return TestIssuer(url: url, kid: kid, keys: keys, publicKey: ["kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": kid,
                                                                      "x": point.x, "y": point.y])
    }

    /// The JWKS document publishing these issuers' public keys.
    public static func jwks(_ issuers: [TestIssuer]) throws -> Data {
        try JSONSerialization.data(withJSONObject: ["keys": issuers.map(\.publicKey)], options: [.sortedKeys])
    }

    /// The token `claims` make, signed with this issuer's key and naming its id.
    public func sign(_ claims: some JWTPayload) async throws -> String {
        try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    /// Claims for a user of this issuer valid for an hour from `now` (seconds since the epoch).
    public func claims(subject: String, audience: [String] = ["ocpctl"], groups: [String]? = nil, now: Int64) -> TestClaims {
        TestClaims(iss: url, aud: audience, sub: subject, exp: now + 3600, nbf: now - 60, groups: groups)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// The claims of a test token; each can be set wrong on purpose.
public struct TestClaims: JWTPayload {
    public var iss: String
    public var aud: [String]
    public var sub: String
    public var exp: Int64
    public var nbf: Int64?
    public var email: String?
    public var groups: [String]?

    /// Creates claims.
    public init(iss: String, aud: [String], sub: String, exp: Int64, nbf: Int64? = nil, email: String? = nil, groups: [String]? = nil) {
        self.iss = iss
        self.aud = aud
        self.sub = sub
        self.exp = exp
        self.nbf = nbf
        self.email = email
        self.groups = groups
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}

struct TestIssuerError: Error {}
