public import Foundation

/// Where an issuer's signing keys come from: a JWKS file on this machine, or a JWKS URL such as the issuer's `jwks_uri`.
public enum OIDCKeySource: Sendable, Hashable, CustomStringConvertible {
    /// A JWKS document on this machine, read again at each reload.
    case file(String)
    /// A JWKS document fetched with a GET.
    case url(URL)

    public var description: String {
        switch self {
        case .file(let path): "the JWKS file \(path)"
        case .url(let url): "the JWKS URL \(url.absoluteString)"
        }
    }
}

/// An OpenID Connect issuer the API trusts, with the settings of kube-apiserver's `--oidc-*` flags.
public struct OIDCProvider: Sendable, Hashable {
    /// The `iss` every token must carry, exactly as written: an https URL.
    public var issuer: String
    /// The client id every token's `aud` must contain.
    public var clientID: String
    /// The claim naming the user.
    public var usernameClaim: String
    /// Put before every username; nil is kube-apiserver's default (claims other than `email` get `ISSUER#`), "-" puts nothing.
    public var usernamePrefix: String?
    /// The claim listing the user's groups, a string or an array of strings; nil reads no groups.
    public var groupsClaim: String?
    /// Put before every group name.
    public var groupsPrefix: String
    /// The `alg` values a token may be signed with.
    public var signingAlgorithms: [String]
    /// Where the keys that sign the tokens are published.
    public var keys: OIDCKeySource

    /// Creates a provider; the defaults are kube-apiserver's.
    public init(issuer: String, clientID: String, usernameClaim: String = "sub", usernamePrefix: String? = nil, groupsClaim: String? = nil,
                groupsPrefix: String = "", signingAlgorithms: [String] = ["RS256"], keys: OIDCKeySource) {
        self.issuer = issuer
        self.clientID = clientID
        self.usernameClaim = usernameClaim
        self.usernamePrefix = usernamePrefix
        self.groupsClaim = groupsClaim
        self.groupsPrefix = groupsPrefix
        self.signingAlgorithms = signingAlgorithms
        self.keys = keys
    }

    /// The asymmetric JOSE algorithms a provider may allow, as kube-apiserver's `--oidc-signing-algs`; never `none` or HMAC,
    /// whose key would be public.
    public static let supportedAlgorithms = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512"]

    /// What usernames start with, by kube-apiserver's rule: an `email` claim is unique across issuers, any other claim
    /// is prefixed with the issuer so it cannot pass for another authenticator's user.
    public var effectiveUsernamePrefix: String {
        switch usernamePrefix {
        case "-": ""
        case let prefix?: prefix
        case nil: usernameClaim == "email" ? "" : issuer + "#"
        }
    }
}

/// Why a token or a key set was refused, in words safe to show a caller: never the token, and of a token's own text only
/// what is short and plain.
public struct OIDCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason, a sentence about "the OIDC token" or the key set.
    public let message: String

    /// Creates the error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
