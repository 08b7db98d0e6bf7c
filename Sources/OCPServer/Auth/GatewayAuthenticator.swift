public import Foundation
public import OCPModel
import Crypto
import NIOCore

/// An identity-aware proxy in front of the API (oauth2-proxy, an IAP): `X-User-Email` and `X-User-Groups` name the
/// caller, believed only from a proxy that proves itself with a shared secret header or connects from a trusted CIDR.
public struct GatewayAuthConfig: Sendable {
    /// The value a trusted proxy sends in `X-Gateway-Secret`; nil trusts no one by secret.
    public var sharedSecret: String?
    /// Peer networks trusted as the proxy, e.g. `10.0.0.0/8`.
    public var trustedCIDRs: [CIDR]
    /// What each group grants; a user gets the teams of all its groups and the most privileged role among them.
    public var groups: [String: GroupGrant]

    /// Creates a configuration.
    public init(sharedSecret: String? = nil, trustedCIDRs: [CIDR] = [], groups: [String: GroupGrant]) {
        self.sharedSecret = sharedSecret
        self.trustedCIDRs = trustedCIDRs
        self.groups = groups
    }
}

/// The teams and role a gateway group grants.
public struct GroupGrant: Sendable, Hashable {
    public var role: Role
    public var teams: [String]

    /// Creates a grant.
    public init(role: Role, teams: [String] = []) {
        self.role = role
        self.teams = teams
    }

    /// Parses `GROUP=ROLE[:TEAM,TEAM...]`, as `--gateway-group` takes it.
    public static func parse(_ text: String) -> (group: String, grant: GroupGrant)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let group = String(text[..<equals])
        let rest = text[text.index(after: equals)...].split(separator: ":", maxSplits: 1).map(String.init)
        guard !group.isEmpty, let roleName = rest.first, let role = Role(rawValue: roleName) else { return nil }
        let teams = rest.count == 2 ? rest[1].split(separator: ",").map(String.init) : []
        guard teams.allSatisfy({ NameRules.dns1123Label($0, field: "team").isEmpty }) else { return nil }
        return (group, GroupGrant(role: role, teams: teams))
    }
}

/// An IPv4 or IPv6 network, `10.0.0.0/8` or `fd00::/8`.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
    let address: [UInt8]
    let prefix: Int
    public let description: String

    /// Parses a network; nil when it is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bytes = Self.bytes(String(parts[0])), let prefix = Int(parts[1]), (0...bytes.count * 8).contains(prefix) else {
            return nil
        }
        address = bytes
        self.prefix = prefix
        description = text
    }

    /// True when the peer `ip` (text form) is inside this network.
    public func contains(_ ip: String) -> Bool {
        guard let bytes = Self.bytes(ip), bytes.count == address.count else { return false }
        for bit in 0..<prefix {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if bytes[bit / 8] & mask != address[bit / 8] & mask { return false }
        }
        return true
    }

    static func bytes(_ ip: String) -> [UInt8]? {
        guard let address = try? SocketAddress(ipAddress: ip, port: 0) else { return nil }
        switch address {
        case .v4(let v4): return withUnsafeBytes(of: v4.address.sin_addr.s_addr) { Array($0) }
        case .v6(let v6): return withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        default: return nil
        }
    }
}

/// Reads the gateway's identity headers when, and only when, the request comes from a trusted proxy.
struct GatewayAuthenticator: Sendable {
    static let emailHeader = "X-User-Email"
    static let groupsHeader = "X-User-Groups"
    static let secretHeader = "X-Gateway-Secret"

    let config: GatewayAuthConfig

    /// True when the peer proved itself the proxy: the shared secret (compared in constant time) or a trusted address.
    func trusts(secret: String?, peer: String?) -> Bool {
        if let expected = config.sharedSecret, let secret,
           Data(SHA256.hash(data: Data(secret.utf8))) == Data(SHA256.hash(data: Data(expected.utf8))) {
            return true
        }
        guard let peer else { return false }
        return config.trustedCIDRs.contains { $0.contains(peer) }
    }

    /// The identity the headers name, or a 401 saying why not; nil when the request has no identity header.
    func identity(email: String?, groups: String?) throws(APIError) -> Identity? {
        guard let email else { return nil }
        guard email.utf8.count <= 254, email.contains("@"), email.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else {
            throw APIError(.unauthorized, "the gateway's \(Self.emailHeader) is not an email address")
        }
        let names = (groups ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let identity = GroupGrant.identity(user: email, grants: names.compactMap { config.groups[$0] }) else {
            throw APIError(.unauthorized, "none of \(email)'s gateway groups maps to a role")
        }
        return identity
    }
}
