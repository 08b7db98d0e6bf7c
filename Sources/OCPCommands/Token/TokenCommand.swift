public import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl token create|list|revoke`: bearer tokens, kept hashed in the store and valid on every API replica at once.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens (admins only); print an AWS IAM sign-in token.",
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self, TokenAWSIAMCommand.self]
    )
}

/// `ocpctl token create --user U --team T... --role R [--expires 30d]`: prints the token once.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a token and print it; it is not shown again.")

    @Option(help: "The user the token stands for.") var user: String
    @Option(name: .customLong("team"), help: "A team (namespace) the user belongs to; repeat for several.") var teams: [String] = []
    @Option(help: "requester, admin, auditor or controller.") var role: Role
    @Option(help: "Lifetime, e.g. 12h or 30d (default: never expires).") var expires: String?
    @Option(name: .customLong("controller"), help: "An external controller a controller token may report as (or *); repeat for several.")
    var controllers: [String] = []
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var spec = APITokenSpec(user: user, teams: teams.isEmpty ? nil : teams, role: role, controllers: controllers.isEmpty ? nil : controllers)
        if let expires {
            guard let lifetime = TTLDuration(expires) else { throw ValidationError("--expires: \"\(expires)\" is not a duration such as 12h or 30d") }
            spec.expirationTimestamp = Formatting.now.adding(seconds: lifetime.seconds)
        }
        let client = try connection.client()
        try await reportingErrors {
            let created = try await client.createToken(spec)
            print("token.ocpctl.io/\(created.metadata.name) created")
            print(created.status?.token ?? "")
        }
    }
}

/// `ocpctl token list`: ids, users, roles, teams, expiry and last use; never a secret.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (no secrets).")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let client = try connection.client()
        try await reportingErrors {
            print(TablePrinter.render(try await client.listTokens(), wide: false, withNamespace: false))
        }
    }
}

/// `ocpctl token revoke ID`.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token; it stops working at once.")

    @Argument(help: "The token's id, as token list shows it.") var id: String
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let client = try connection.client()
        try await reportingErrors {
            let revoked = try await client.revokeToken(id: id)
            print("token.ocpctl.io/\(revoked.metadata.name) revoked")
        }
    }
}

extension Role: ExpressibleByArgument {}
