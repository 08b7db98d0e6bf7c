import OCPModel

/// A signed-in browser: who it is, the token it signed in with (kept in memory only), and its CSRF token.
struct ConsoleSession: Sendable {
    var id: String
    /// The bearer token; the console sends it to the API and never shows or logs it.
    var token: String
    var user: String
    var teams: [String]
    var role: Role
    /// Every form of this session carries it; a form posted without it is refused.
    var csrf: String
    var expiresAt: Timestamp

    var isAdmin: Bool { role == .admin }
}
