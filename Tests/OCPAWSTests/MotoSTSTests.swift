import Foundation
import OCPAWS
import Testing

/// STS and the credential chain end to end against moto.
@Suite(.enabled(if: Moto.enabled, Moto.disabledReason))
struct MotoSTSTests {
    @Test func callerIdentity() async throws {
        let identity = try await Moto.client().sts.getCallerIdentity()
        #expect(identity.account.count == 12)
        #expect(identity.arn.hasPrefix("arn:aws:"))
        #expect(!identity.userID.isEmpty)
    }

    @Test func credentialsFromATemporarySharedCredentialsFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(Moto.uniqueName("ocpctl-aws"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let credentialsPath = directory.appendingPathComponent("credentials").path
        let configPath = directory.appendingPathComponent("config").path
        try "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = no\n\n[ci]\naws_access_key_id = AKIAFROMFILE\naws_secret_access_key = filesecret\n"
            .write(toFile: credentialsPath, atomically: true, encoding: .utf8)
        try "[profile ci]\nregion = eu-west-1\n".write(toFile: configPath, atomically: true, encoding: .utf8)
        let environment = AWSEnvironment(variables: [
            "AWS_SHARED_CREDENTIALS_FILE": credentialsPath, "AWS_CONFIG_FILE": configPath, "AWS_PROFILE": "ci",
            "AWS_ENDPOINT_URL": try Moto.url(),
        ], homeDirectory: directory.path)

        let client = try await AWSClient.resolve(environment: environment)
        #expect(client.configuration.region == "eu-west-1")
        #expect(client.credentials?.accessKeyID == "AKIAFROMFILE")
        #expect(client.credentials?.source == "\(credentialsPath), profile ci")
        let identity = try await client.sts.getCallerIdentity()
        #expect(identity.account.count == 12)
    }

    @Test func webIdentityCredentialsFromMotoSignLaterCalls() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(Moto.uniqueName("ocpctl-token"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokenPath = directory.appendingPathComponent("token").path
        try "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln".write(toFile: tokenPath, atomically: true, encoding: .utf8)
        let environment = AWSEnvironment(variables: [
            "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": try Moto.url(),
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ocpctl-installer", "AWS_WEB_IDENTITY_TOKEN_FILE": tokenPath,
            "AWS_ROLE_SESSION_NAME": "ocpctl-test",
        ], homeDirectory: directory.path)

        let client = try await AWSClient.resolve(environment: environment)
        let credentials = try #require(client.credentials)
        #expect(credentials.sessionToken != nil)
        #expect(credentials.expiration != nil)
        #expect(credentials.source == "web identity, role arn:aws:iam::123456789012:role/ocpctl-installer")
        let identity = try await client.sts.getCallerIdentity()
        #expect(identity.arn.contains("ocpctl-installer"))
    }
}
