import Crypto
import Foundation
import OCPModel
import Synchronization

/// Server-side sessions in memory, found by a random id the cookie carries with its HMAC, so a forged or altered
/// cookie is refused before any lookup. Sessions end at sign-out, at their expiry, or when the server restarts.
final class SessionStore: Sendable {
    /// The HMAC key's bytes, new at every start.
    private let key: [UInt8]
    private let sessions = Mutex<[String: ConsoleSession]>([:])
    private let now: @Sendable () -> Timestamp
    /// How long a session lasts after sign-in.
    let lifetimeSeconds: Int64

    init(now: @escaping @Sendable () -> Timestamp, lifetimeSeconds: Int64 = 8 * 3600) {
        self.now = now
        self.lifetimeSeconds = lifetimeSeconds
        self.key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// Starts a session and returns it with the cookie value that names it.
    func start(token: String, user: String, teams: [String], role: Role) -> (ConsoleSession, cookie: String) {
        let id = Secrets.random()
        let session = ConsoleSession(id: id, token: token, user: user, teams: teams, role: role, csrf: Secrets.random(),
                                     expiresAt: now().adding(seconds: lifetimeSeconds))
        let current = now()
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.expiresAt > current }
            sessions[id] = session
        }
        return (session, id + "." + signature(id))
    }

    /// The live session a cookie value names, or nil for a missing, forged, ended or expired one.
    func session(cookie: String?) -> ConsoleSession? {
        guard let id = verifiedID(cookie) else { return nil }
        let current = now()
        return sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            guard session.expiresAt > current else {
                sessions[id] = nil
                return nil
            }
            return session
        }
    }

    /// Ends the session a cookie names.
    func end(cookie: String?) {
        guard let id = verifiedID(cookie) else { return }
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    private func verifiedID(_ cookie: String?) -> String? {
        guard let cookie, cookie.utf8.count < 200 else { return nil }
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let id = String(parts[0])
        return Secrets.equal(signature(id), String(parts[1])) ? id : nil
    }

    private func signature(_ id: String) -> String {
        Secrets.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: SymmetricKey(data: key))))
    }
}

/// Random tokens and a comparison that takes the same time wherever the first difference is.
enum Secrets {
    /// 32 random bytes, base64url.
    static func random() -> String {
        base64URL(SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Compares two secrets without leaking where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
