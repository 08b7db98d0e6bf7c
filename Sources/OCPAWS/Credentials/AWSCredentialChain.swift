public import Foundation

/// The SDKs' default credential chain: environment, web identity, then the shared files.
public enum AWSCredentialChain {
    /// Resolves credentials; `sts` answers AssumeRoleWithWebIdentity (unsigned) when a web identity is configured.
    public static func resolve(environment: AWSEnvironment, sts: STS) async throws -> AWSCredentials {
        if let credentials = try fromEnvironmentVariables(environment) { return credentials }
        if let identity = try webIdentity(environment, now: sts.client.clock()) {
            let token = try identity.readToken(environment)
            return try await sts.assumeRoleWithWebIdentity(roleARN: identity.roleARN, sessionName: identity.sessionName,
                                                           webIdentityToken: token)
        }
        if let credentials = try fromSharedFiles(environment) { return credentials }
        let files = SharedFiles(environment)
        throw AWSConfigurationError(
            "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, "
                + "or add profile \(files.profileName) to \(files.credentialsPath) or \(files.configPath)")
    }

    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`; nil when neither key is set.
    public static func fromEnvironmentVariables(_ environment: AWSEnvironment) throws(AWSConfigurationError) -> AWSCredentials? {
        let accessKey = environment["AWS_ACCESS_KEY_ID"]
        let secret = environment["AWS_SECRET_ACCESS_KEY"]
        switch (accessKey, secret) {
        case (nil, nil):
            return nil
        case let (accessKey?, secret?):
            return AWSCredentials(accessKeyID: accessKey, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"],
                                  source: "environment")
        case (nil, _):
            throw AWSConfigurationError("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (_, nil):
            throw AWSConfigurationError("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
    }

    /// The web identity to assume: `AWS_ROLE_ARN` and `AWS_WEB_IDENTITY_TOKEN_FILE`, else the profile's `role_arn` and `web_identity_token_file`.
    public static func webIdentity(_ environment: AWSEnvironment, now: Date) throws(AWSConfigurationError) -> WebIdentity? {
        let defaultSessionName = "ocpctl-\(Int(now.timeIntervalSince1970))"
        switch (environment["AWS_ROLE_ARN"], environment["AWS_WEB_IDENTITY_TOKEN_FILE"]) {
        case let (role?, file?):
            return WebIdentity(roleARN: role, tokenFile: environment.expandingHome(file),
                               sessionName: environment["AWS_ROLE_SESSION_NAME"] ?? defaultSessionName)
        case (_?, nil):
            throw AWSConfigurationError("AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not")
        case (nil, _?):
            throw AWSConfigurationError("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        case (nil, nil):
            let files = SharedFiles(environment)
            guard let role = files.config["role_arn"], let file = files.config["web_identity_token_file"] else { return nil }
            return WebIdentity(roleARN: role, tokenFile: environment.expandingHome(file),
                               sessionName: files.config["role_session_name"] ?? defaultSessionName)
        }
    }

    /// The profile's `aws_access_key_id` and `aws_secret_access_key` (credentials file first, then config file).
    public static func fromSharedFiles(_ environment: AWSEnvironment) throws(AWSConfigurationError) -> AWSCredentials? {
        let files = SharedFiles(environment)
        let inCredentials = files.credentials["aws_access_key_id"] != nil
        let settings = inCredentials ? files.credentials : files.config
        let path = inCredentials ? files.credentialsPath : files.configPath
        switch (settings["aws_access_key_id"], settings["aws_secret_access_key"]) {
        case (nil, _):
            return nil
        case (_?, nil):
            throw AWSConfigurationError("profile \(files.profileName) in \(path) has aws_access_key_id but no aws_secret_access_key")
        case let (accessKey?, secret?):
            return AWSCredentials(accessKeyID: accessKey, secretAccessKey: secret, sessionToken: settings["aws_session_token"],
                                  source: "\(path), profile \(files.profileName)")
        }
    }
}

/// A role to assume with a web identity token (e.g. a projected service account token).
public struct WebIdentity: Sendable, Equatable {
    /// The role's ARN.
    public let roleARN: String
    /// The file holding the OIDC token; read at each resolution since it is rotated.
    public let tokenFile: String
    /// The role session name.
    public let sessionName: String

    /// Reads the token file.
    func readToken(_ environment: AWSEnvironment) throws(AWSConfigurationError) -> String {
        guard let token = environment.readFile(tokenFile)?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw AWSConfigurationError("cannot read the web identity token file \(tokenFile)")
        }
        return token
    }
}
