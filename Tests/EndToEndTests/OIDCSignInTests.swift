import Foundation
import OCPTestSupport
import Testing

/// `ocpctl serve --oidc-*`: the flags are checked before anything starts, and a JWT from the issuer it trusts signs in.
@Suite("Sign-in with OIDC tokens")
struct OIDCSignInTests {
    @Test("serve refuses OIDC flags that break a rule, naming the flag and the rule")
    func flagRules() async throws {
        let directory = temporaryDirectory("ocpctl-oidc-flags")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let jwks = directory + "/jwks.json"
        try TestIssuer.jwks([try await TestIssuer.es256()]).write(to: URL(fileURLWithPath: jwks))
        try Data(#"{"issuer":"https://issuer.test"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/discovery.json"))
        let issuer = ["--oidc-issuer-url", "https://issuer.test", "--oidc-client-id", "ocpctl"]
        let cases: [([String], String)] = [
            (["--oidc-issuer-url", "http://issuer.test", "--oidc-client-id", "ocpctl", "--oidc-jwks-file", jwks],
             #"--oidc-issuer-url: "http://issuer.test" must be an https URL"#),
            (["--oidc-issuer-url", "https://issuer.test", "--oidc-jwks-file", jwks], "--oidc-client-id is required with --oidc-issuer-url"),
            (issuer, "--oidc-issuer-url needs exactly one of --oidc-jwks-file and --oidc-jwks-url"),
            (issuer + ["--oidc-jwks-file", jwks, "--oidc-jwks-url", "https://issuer.test/keys"], "exactly one of --oidc-jwks-file and --oidc-jwks-url"),
            (issuer + ["--oidc-jwks-url", "http://issuer.test/keys"], "must be an https URL (http only to 127.0.0.1 or localhost)"),
            (issuer + ["--oidc-jwks-file", directory + "/discovery.json"], "--oidc-jwks-file: \(directory)/discovery.json: it is not a JWKS document"),
            (issuer + ["--oidc-jwks-file", directory + "/missing.json"], "--oidc-jwks-file: cannot read"),
            (issuer + ["--oidc-jwks-file", jwks, "--oidc-signing-algs", "HS256"], "--oidc-signing-algs: \"HS256\" must list algorithms of RS256"),
            (issuer + ["--oidc-jwks-file", jwks, "--oidc-group", "devs=root"], "--oidc-group: \"devs=root\" must be GROUP=ROLE[:TEAM,TEAM]"),
            (["--oidc-client-id", "ocpctl"], "--oidc-client-id needs --oidc-issuer-url"),
        ]
        for (arguments, message) in cases {
            let result = try Binary.run(["serve", "--data-dir", directory + "/data", "--port", "0"] + arguments)
            #expect(result.status != 0 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }

    @Test("a token from the issuer serve trusts signs in with its groups' teams and role; an expired one is refused")
    func signIn() async throws {
        let issuer = try await TestIssuer.rsa()
        let directory = temporaryDirectory("ocpctl-oidc")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try TestIssuer.jwks([issuer]).write(to: URL(fileURLWithPath: directory + "/jwks.json"))
        try await Serve.with(["--oidc-issuer-url", issuer.url, "--oidc-client-id", "ocpctl", "--oidc-jwks-file", directory + "/jwks.json",
                              "--oidc-groups-claim", "groups", "--oidc-group", "devs=requester:team-a"]) { serve in
            func cli(_ token: String) -> CLI {
                CLI(environment: serve.cli.environment.merging(["OCPCTL_TOKEN": token]) { _, new in new })
            }
            let now = Int64(Date().timeIntervalSince1970)
            let erin = cli(try await issuer.sign(issuer.claims(subject: "erin", groups: ["devs"], now: now)))
            _ = try erin.ok(["get", "clusters", "-n", "team-a"])
            let elsewhere = try erin.run(["get", "clusters", "-n", "team-b"])
            #expect(elsewhere.status != 0 && elsewhere.stderr.contains("Forbidden"), "\(elsewhere.stderr)")
            let expired = try cli(try await issuer.sign(issuer.claims(subject: "erin", groups: ["devs"], now: now - 7200))).run(["get", "clusters", "-n", "team-a"])
            #expect(expired.status != 0 && expired.stderr.contains("the OIDC token expired at"), "\(expired.stderr)")
        }
    }
}
