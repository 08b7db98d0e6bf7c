/// The shared credentials and config files of the selected profile.
struct SharedFiles: Sendable {
    let profileName: String
    let credentialsPath: String
    let configPath: String
    /// The profile's settings in the credentials file.
    let credentials: [String: String]
    /// The profile's settings in the config file.
    let config: [String: String]

    init(_ environment: AWSEnvironment) {
        let profile = environment["AWS_PROFILE"] ?? "default"
        let credentialsPath = environment.expandingHome(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        let configPath = environment.expandingHome(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        profileName = profile
        self.credentialsPath = credentialsPath
        self.configPath = configPath
        credentials = environment.readFile(credentialsPath)
            .map { SharedConfigFile(parsing: $0, isConfigFile: false).profiles[profile] ?? [:] } ?? [:]
        config = environment.readFile(configPath)
            .map { SharedConfigFile(parsing: $0, isConfigFile: true).profiles[profile] ?? [:] } ?? [:]
    }

    /// A setting of the profile: the credentials file wins over the config file.
    func setting(_ key: String) -> String? {
        credentials[key] ?? config[key]
    }
}
