import ArgumentParser
import Foundation
import OCPServer

/// `serve`'s identity-aware gateway flags: who may send `X-User-Email` and `X-User-Groups`, and what groups grant.
struct GatewayOptions: ParsableArguments {
    @Option(name: .customLong("gateway-secret-file"),
            help: "A file holding the secret a trusted proxy sends in X-Gateway-Secret (a file, so it is not on the command line).")
    var secretFile: String?

    @Option(name: .customLong("gateway-trusted-cidr"), help: "A peer network trusted as the proxy, e.g. 10.0.0.0/8; repeat for several.")
    var trustedCIDRs: [String] = []

    @Option(name: .customLong("gateway-group"), help: "GROUP=ROLE[:TEAM,TEAM]: what an X-User-Groups group grants, e.g. devs=requester:team-a; repeat.")
    var groups: [String] = []

    /// The gateway configuration, or nil when no proxy is trusted.
    func config() throws -> GatewayAuthConfig? {
        guard secretFile != nil || !trustedCIDRs.isEmpty else {
            guard groups.isEmpty else { throw ValidationError("--gateway-group needs --gateway-secret-file or --gateway-trusted-cidr") }
            return nil
        }
        var secret: String?
        if let secretFile {
            guard let text = try? String(contentsOfFile: secretFile, encoding: .utf8) else {
                throw ValidationError("--gateway-secret-file: cannot read \(secretFile)")
            }
            secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let secret, secret.utf8.count >= 16 else { throw ValidationError("--gateway-secret-file: the secret must be at least 16 characters") }
        }
        let cidrs = try trustedCIDRs.map { text in
            guard let cidr = CIDR(text) else { throw ValidationError("--gateway-trusted-cidr: \"\(text.prefix(64))\" is not a network such as 10.0.0.0/8") }
            return cidr
        }
        return GatewayAuthConfig(sharedSecret: secret, trustedCIDRs: cidrs, groups: try Self.grants(groups, flag: "--gateway-group"))
    }

    /// What each `GROUP=ROLE[:TEAM,TEAM]` of a repeated `flag` grants, by group; the first that is not one is an error naming it.
    static func grants(_ texts: [String], flag: String) throws -> [String: GroupGrant] {
        var grants: [String: GroupGrant] = [:]
        for text in texts {
            guard let (group, grant) = GroupGrant.parse(text) else {
                throw ValidationError("\(flag): \"\(text.prefix(128))\" must be GROUP=ROLE[:TEAM,TEAM] with a role of requester, admin, auditor or controller")
            }
            grants[group] = grant
        }
        return grants
    }
}
