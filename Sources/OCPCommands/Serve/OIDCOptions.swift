import ArgumentParser
import Foundation
import OCPOIDC
import OCPServer

/// `serve`'s OIDC flags, as kube-apiserver's `--oidc-*`: whose JWTs sign users in, which claims name them, and what
/// their groups grant.
struct OIDCOptions: ParsableArguments {
    @Option(name: .customLong("oidc-issuer-url"), help: "Accept OIDC bearer tokens (JWTs) from this issuer: an https URL their iss claim must equal.")
    var issuerURL: String?

    @Option(name: .customLong("oidc-client-id"), help: "The client id an OIDC token's aud claim must contain; required with --oidc-issuer-url.")
    var clientID: String?

    @Option(name: .customLong("oidc-jwks-file"), help: "A JWKS file with the issuer's signing keys (this or --oidc-jwks-url).")
    var jwksFile: String?

    @Option(name: .customLong("oidc-jwks-url"), help: "The issuer's JWKS URL, its jwks_uri: https, or http to 127.0.0.1 or localhost (this or --oidc-jwks-file).")
    var jwksURL: String?

    @Option(name: .customLong("oidc-username-claim"), help: "The claim naming the user (default: sub).")
    var usernameClaim: String?

    @Option(name: .customLong("oidc-username-prefix"),
            help: "Put before every username. Default: claims other than email get ISSUER-URL#, as kube-apiserver does; '-' puts nothing.")
    var usernamePrefix: String?

    @Option(name: .customLong("oidc-groups-claim"), help: "The claim listing the user's groups, a string or an array of strings (default: none).")
    var groupsClaim: String?

    @Option(name: .customLong("oidc-groups-prefix"), help: "Put before every group name, e.g. oidc: (default: nothing).")
    var groupsPrefix: String?

    @Option(name: .customLong("oidc-signing-algs"),
            help: "Comma-separated algorithms OIDC tokens may be signed with, of RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512 (default: RS256).")
    var signingAlgorithms: String?

    @Option(name: .customLong("oidc-group"),
            help: "GROUP=ROLE[:TEAM,TEAM]: what an OIDC group (with its --oidc-groups-prefix) grants, e.g. oidc:devs=requester:team-a; repeat.")
    var groups: [String] = []

    /// The OIDC sign-in settings, or nil without `--oidc-issuer-url`; an error names the flag and the rule it breaks.
    func config() throws -> OIDCAuthConfig? {
        guard let issuerURL else {
            let given: [(String, Bool)] = [("--oidc-client-id", clientID != nil), ("--oidc-jwks-file", jwksFile != nil), ("--oidc-jwks-url", jwksURL != nil),
                                           ("--oidc-username-claim", usernameClaim != nil), ("--oidc-username-prefix", usernamePrefix != nil),
                                           ("--oidc-groups-claim", groupsClaim != nil), ("--oidc-groups-prefix", groupsPrefix != nil),
                                           ("--oidc-signing-algs", signingAlgorithms != nil), ("--oidc-group", !groups.isEmpty)]
            if let flag = given.first(where: \.1)?.0 { throw ValidationError("\(flag) needs --oidc-issuer-url") }
            return nil
        }
        guard let issuer = URL(string: issuerURL), issuer.scheme == "https", issuer.host?.isEmpty == false, issuer.user == nil,
              issuer.query == nil, issuer.fragment == nil else {
            throw ValidationError("--oidc-issuer-url: \"\(issuerURL.prefix(200))\" must be an https URL with a host and no query, e.g. https://issuer.example.com")
        }
        guard let clientID, !clientID.isEmpty else { throw ValidationError("--oidc-client-id is required with --oidc-issuer-url") }
        let provider = OIDCProvider(issuer: issuerURL, clientID: clientID, usernameClaim: try claim(usernameClaim ?? "sub", flag: "--oidc-username-claim"),
                                    // kube-apiserver reads an empty prefix as none given.
                                    usernamePrefix: usernamePrefix.flatMap { $0.isEmpty ? nil : $0 },
                                    groupsClaim: try groupsClaim.map { try claim($0, flag: "--oidc-groups-claim") },
                                    groupsPrefix: groupsPrefix ?? "", signingAlgorithms: try algorithms(), keys: try keySource())
        return OIDCAuthConfig(provider: provider, groups: try GatewayOptions.grants(groups, flag: "--oidc-group"))
    }

    /// Exactly one of the JWKS file, which must hold a signing key, and the JWKS URL, which must not be sent in clear
    /// over a network.
    func keySource() throws -> OIDCKeySource {
        switch (jwksFile, jwksURL) {
        case (let path?, nil):
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("--oidc-jwks-file: cannot read \(path)") }
            do {
                _ = try OIDCKeySet.countSigningKeys(in: data)
            } catch {
                throw ValidationError("--oidc-jwks-file: \(path): \(error.message)")
            }
            return .file(path)
        case (nil, let text?):
            guard let url = URL(string: text), let scheme = url.scheme, let host = url.host, !host.isEmpty, url.user == nil, url.fragment == nil,
                  scheme == "https" || (scheme == "http" && ["127.0.0.1", "localhost"].contains(host.lowercased())) else {
                throw ValidationError("--oidc-jwks-url: \"\(text.prefix(200))\" must be an https URL (http only to 127.0.0.1 or localhost)")
            }
            return .url(url)
        default:
            throw ValidationError("--oidc-issuer-url needs exactly one of --oidc-jwks-file and --oidc-jwks-url")
        }
    }

    func algorithms() throws -> [String] {
        let names = (signingAlgorithms ?? "RS256").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, names.allSatisfy(OIDCProvider.supportedAlgorithms.contains) else {
            throw ValidationError("--oidc-signing-algs: \"\((signingAlgorithms ?? "").prefix(200))\" must list algorithms of \(OIDCProvider.supportedAlgorithms.joined(separator: ", "))")
        }
        return names
    }

    func claim(_ name: String, flag: String) throws -> String {
        guard !name.isEmpty, name.utf8.count <= 256 else { throw ValidationError("\(flag) must be a claim name of 1 to 256 characters") }
        return name
    }
}
