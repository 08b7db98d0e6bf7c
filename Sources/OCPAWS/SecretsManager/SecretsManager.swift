public import Foundation

/// The Secrets Manager JSON 1.1 calls ocpctl needs.
public struct SecretsManager: Sendable {
    /// The client that signs and sends.
    public let client: AWSClient
    static let targetPrefix = "secretsmanager"

    /// Creates the Secrets Manager calls over `client`.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Creates a secret holding `secretString`; the request token makes a retried call idempotent.
    public func createSecret(name: String, secretString: String, description: String? = nil, tags: [String: String] = [:],
                             clientRequestToken: String = UUID().uuidString) async throws -> SecretReference {
        let input = CreateSecretInput(name: name, secretString: secretString, description: description,
                                      tags: tags.isEmpty ? nil : tags.sorted { $0.key < $1.key }.map { SecretTag(key: $0.key, value: $0.value) },
                                      clientRequestToken: clientRequestToken)
        return try await call("CreateSecret", input)
    }

    /// Stores a new version of a secret's value.
    public func putSecretValue(secretID: String, secretString: String,
                               clientRequestToken: String = UUID().uuidString) async throws -> SecretReference {
        try await call("PutSecretValue", PutSecretValueInput(secretID: secretID, secretString: secretString,
                                                             clientRequestToken: clientRequestToken))
    }

    /// Reads the current (or a given) version of a secret.
    public func getSecretValue(secretID: String, versionID: String? = nil) async throws -> SecretValue {
        try await call("GetSecretValue", GetSecretValueInput(secretID: secretID, versionID: versionID))
    }

    /// Deletes a secret, at once with `forceDeleteWithoutRecovery`, else after the recovery window.
    public func deleteSecret(secretID: String, forceDeleteWithoutRecovery: Bool = false,
                             recoveryWindowInDays: Int? = nil) async throws -> SecretDeletion {
        try await call("DeleteSecret", DeleteSecretInput(secretID: secretID,
                                                         forceDeleteWithoutRecovery: forceDeleteWithoutRecovery ? true : nil,
                                                         recoveryWindowInDays: forceDeleteWithoutRecovery ? nil : recoveryWindowInDays))
    }

    func call<Input: Encodable, Output: Decodable & Sendable>(_ operation: String, _ input: Input) async throws -> Output {
        try await client.json(.secretsManager, targetPrefix: Self.targetPrefix, operation: operation, input: input)
    }
}

struct SecretTag: Encodable {
    let key: String
    let value: String

    enum CodingKeys: String, CodingKey {
        case key = "Key"
        case value = "Value"
    }
}

struct CreateSecretInput: Encodable {
    let name: String
    let secretString: String
    let description: String?
    let tags: [SecretTag]?
    let clientRequestToken: String

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case secretString = "SecretString"
        case description = "Description"
        case tags = "Tags"
        case clientRequestToken = "ClientRequestToken"
    }
}

struct PutSecretValueInput: Encodable {
    let secretID: String
    let secretString: String
    let clientRequestToken: String

    enum CodingKeys: String, CodingKey {
        case secretID = "SecretId"
        case secretString = "SecretString"
        case clientRequestToken = "ClientRequestToken"
    }
}

struct GetSecretValueInput: Encodable {
    let secretID: String
    let versionID: String?

    enum CodingKeys: String, CodingKey {
        case secretID = "SecretId"
        case versionID = "VersionId"
    }
}

struct DeleteSecretInput: Encodable {
    let secretID: String
    let forceDeleteWithoutRecovery: Bool?
    let recoveryWindowInDays: Int?

    enum CodingKeys: String, CodingKey {
        case secretID = "SecretId"
        case forceDeleteWithoutRecovery = "ForceDeleteWithoutRecovery"
        case recoveryWindowInDays = "RecoveryWindowInDays"
    }
}

extension AWSClient {
    /// The Secrets Manager calls.
    public var secretsManager: SecretsManager { SecretsManager(client: self) }
}
