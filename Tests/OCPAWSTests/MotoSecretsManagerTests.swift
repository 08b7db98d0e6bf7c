import Foundation
import OCPAWS
import Testing

/// Secrets Manager against moto: create, put a new version, read, force-delete.
@Suite(.enabled(if: Moto.enabled, Moto.disabledReason))
struct MotoSecretsManagerTests {
    @Test func secretLifecycle() async throws {
        let secrets = try Moto.client().secretsManager
        let name = "ocpctl/\(Moto.uniqueName("pull-secret"))"
        let created = try await secrets.createSecret(name: name, secretString: #"{"auths":{}}"#, description: "test",
                                                     tags: ["ocpctl.io/cluster": "a"])
        #expect(created.name == name)
        #expect(created.arn.hasPrefix("arn:aws:secretsmanager:us-east-1:"))

        let first = try await secrets.getSecretValue(secretID: name)
        #expect(first.secretString == #"{"auths":{}}"#)
        #expect(first.versionID == created.versionID)
        #expect(!"\(first)".contains("auths"))

        let updated = try await secrets.putSecretValue(secretID: created.arn, secretString: "second")
        #expect(updated.versionID != created.versionID)
        #expect(try await secrets.getSecretValue(secretID: name).secretString == "second")
        #expect(try await secrets.getSecretValue(secretID: name, versionID: created.versionID).secretString == #"{"auths":{}}"#)

        let deleted = try await secrets.deleteSecret(secretID: name, forceDeleteWithoutRecovery: true)
        #expect(deleted.name == name)
        #expect(deleted.deletionDate != nil)
        let error = await #expect(throws: AWSError.self) { try await secrets.getSecretValue(secretID: name) }
        #expect(error?.code == "ResourceNotFoundException")
        #expect(error?.operation == "GetSecretValue")
    }

    @Test func creatingATakenNameFails() async throws {
        let secrets = try Moto.client().secretsManager
        let name = Moto.uniqueName("dup")
        _ = try await secrets.createSecret(name: name, secretString: "one")
        let error = await #expect(throws: AWSError.self) { try await secrets.createSecret(name: name, secretString: "two") }
        #expect(error?.code == "ResourceExistsException")
        _ = try await secrets.deleteSecret(secretID: name, forceDeleteWithoutRecovery: true)
    }
}
