import Foundation
@testable import OCPAWS
import Testing

/// The credential chain, shared files, region and endpoint resolution, all from injected environments.
@Suite struct CredentialsTests {
    /// An environment whose files exist only in `files`.
    static func environment(_ variables: [String: String], files: [String: String] = [:]) -> AWSEnvironment {
        AWSEnvironment(variables: variables, homeDirectory: "/home/test", readFile: { files[$0] })
    }

    static let anonymousSTS = STS(client: AWSClient(configuration: AWSConfiguration(region: "us-east-1"), credentials: nil,
                                                    transport: ScriptedTransport([])))

    @Test func environmentVariablesComeFirst() async throws {
        let environment = Self.environment(
            ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken"],
            files: ["/home/test/.aws/credentials": "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = filesecret\n"])
        let credentials = try await AWSCredentialChain.resolve(environment: environment, sts: Self.anonymousSTS)
        #expect(credentials.accessKeyID == "AKIAENV")
        #expect(credentials.secretAccessKey == "envsecret")
        #expect(credentials.sessionToken == "envtoken")
        #expect(credentials.source == "environment")
    }

    @Test func halfAnEnvironmentKeyPairIsAnError() {
        #expect(throws: AWSConfigurationError.self) {
            try AWSCredentialChain.fromEnvironmentVariables(Self.environment(["AWS_ACCESS_KEY_ID": "AKIA"]))
        }
    }

    @Test func sharedCredentialsFileProfileFromAWSProfile() async throws {
        let credentialsFile = """
            # comment
            [default]
            aws_access_key_id = AKIADEFAULT
            aws_secret_access_key = defaultsecret

            [ci]
            aws_access_key_id=AKIACI
            aws_secret_access_key=cisecret ; inline comment
            aws_session_token = citoken
            """
        let environment = Self.environment(["AWS_SHARED_CREDENTIALS_FILE": "/tmp/creds", "AWS_PROFILE": "ci"],
                                           files: ["/tmp/creds": credentialsFile])
        let credentials = try await AWSCredentialChain.resolve(environment: environment, sts: Self.anonymousSTS)
        #expect(credentials.accessKeyID == "AKIACI")
        #expect(credentials.secretAccessKey == "cisecret")
        #expect(credentials.sessionToken == "citoken")
        #expect(credentials.source == "/tmp/creds, profile ci")
    }

    @Test func configFileProfileSectionsAndRegion() throws {
        let config = """
            [default]
            region = us-west-2

            [profile dev]
            region = eu-central-1
            s3 =
                addressing_style = path
                region = ignored
            aws_access_key_id = AKIACONFIG
            aws_secret_access_key = configsecret

            [sso-session corp]
            region = ap-south-1
            """
        let files = ["/home/test/.aws/config": config]
        #expect(try AWSConfiguration.resolve(from: Self.environment([:], files: files)).region == "us-west-2")
        let dev = Self.environment(["AWS_PROFILE": "dev"], files: files)
        #expect(try AWSConfiguration.resolve(from: dev).region == "eu-central-1")
        #expect(try AWSConfiguration.resolve(from: dev).profile == "dev")
        let credentials = try #require(try AWSCredentialChain.fromSharedFiles(dev))
        #expect(credentials.accessKeyID == "AKIACONFIG")
        #expect(SharedConfigFile(parsing: config, isConfigFile: true).profiles.keys.sorted() == ["default", "dev"])
    }

    @Test func regionPrecedence() throws {
        let files = ["/etc/aws-config": "[default]\nregion = eu-west-1\n"]
        let base = ["AWS_CONFIG_FILE": "/etc/aws-config"]
        #expect(try AWSConfiguration.resolve(from: Self.environment(base, files: files)).region == "eu-west-1")
        var variables = base
        variables["AWS_DEFAULT_REGION"] = "us-east-2"
        #expect(try AWSConfiguration.resolve(from: Self.environment(variables, files: files)).region == "us-east-2")
        variables["AWS_REGION"] = "ca-central-1"
        #expect(try AWSConfiguration.resolve(from: Self.environment(variables, files: files)).region == "ca-central-1")
        #expect(throws: AWSConfigurationError.self) { try AWSConfiguration.resolve(from: Self.environment([:])) }
    }

    @Test func endpointOverrides() throws {
        let environment = Self.environment([
            "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:5000/",
            "AWS_ENDPOINT_URL_SECRETS_MANAGER": "https://secrets.example.test:8443/base",
            "AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API": "https://tagging.example.test:443",
        ])
        let configuration = try AWSConfiguration.resolve(from: environment)
        #expect(configuration.endpoint(for: .ec2) == AWSEndpoint(scheme: "http", host: "127.0.0.1:5000", isOverridden: true))
        #expect(configuration.endpoint(for: .secretsManager)
            == AWSEndpoint(scheme: "https", host: "secrets.example.test:8443", basePath: "/base", isOverridden: true))
        #expect(configuration.endpoint(for: .resourceGroupsTagging).host == "tagging.example.test")
        let standard = try AWSConfiguration.resolve(from: Self.environment(["AWS_REGION": "eu-west-1"]))
        #expect(standard.endpoint(for: .ec2) == AWSEndpoint(scheme: "https", host: "ec2.eu-west-1.amazonaws.com", isOverridden: false))
        #expect(standard.endpoint(for: .s3).description == "https://s3.eu-west-1.amazonaws.com")
        #expect(throws: AWSConfigurationError.self) {
            try AWSConfiguration.resolve(from: Self.environment(["AWS_REGION": "x", "AWS_ENDPOINT_URL_STS": "ftp://nope"]))
        }
    }

    @Test func s3AddressesBucketsByPathOnlyWhenTheEndpointIsOverridden() async throws {
        for (overrides, expectedHost, expectedPath) in [
            ([String: AWSEndpoint](), "bucket.s3.us-east-1.amazonaws.com", "/a%20b/c"),
            (["s3": AWSEndpoint(url: "http://127.0.0.1:9000")!], "127.0.0.1:9000", "/bucket/a%20b/c"),
        ] {
            let transport = ScriptedTransport([ScriptedTransport.xml(204, "")])
            let client = AWSClient(configuration: AWSConfiguration(region: "us-east-1", endpointOverrides: overrides),
                                   credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret"), transport: transport)
            try await client.s3.deleteObject(bucket: "bucket", key: "a b/c")
            #expect(transport.sent.first?.host == expectedHost)
            #expect(transport.sent.first?.path == expectedPath)
        }
    }

    @Test func webIdentityAssumesTheRoleUnsigned() async throws {
        let answer = """
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult>
                <Credentials>
                  <AccessKeyId>ASIAWEB</AccessKeyId>
                  <SecretAccessKey>websecret</SecretAccessKey>
                  <SessionToken>webtoken</SessionToken>
                  <Expiration>2030-01-02T03:04:05Z</Expiration>
                </Credentials>
              </AssumeRoleWithWebIdentityResult>
            </AssumeRoleWithWebIdentityResponse>
            """
        let transport = ScriptedTransport([ScriptedTransport.xml(200, answer)])
        let environment = Self.environment(
            ["AWS_REGION": "us-east-1", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/installer",
             "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_SESSION_NAME": "ocpctl-test"],
            files: ["/var/run/token": "eyJ.token.sig\n"])
        let client = try await AWSClient.resolve(environment: environment, transport: transport)
        let credentials = try #require(client.credentials)
        #expect(credentials.accessKeyID == "ASIAWEB")
        #expect(credentials.sessionToken == "webtoken")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_553_445))
        let request = try #require(transport.sent.first)
        #expect(request.headers["Authorization"] == nil)
        #expect(request.host == "sts.us-east-1.amazonaws.com")
        let form = String(decoding: request.body, as: UTF8.self)
        #expect(form.contains("Action=AssumeRoleWithWebIdentity"))
        #expect(form.contains("RoleSessionName=ocpctl-test"))
        #expect(form.contains("WebIdentityToken=eyJ.token.sig&") || form.hasSuffix("WebIdentityToken=eyJ.token.sig"))
    }

    @Test func aMissingWebIdentityTokenFileIsAnError() async {
        let environment = Self.environment(["AWS_ROLE_ARN": "arn:aws:iam::1:role/r", "AWS_WEB_IDENTITY_TOKEN_FILE": "/missing"])
        await #expect(throws: AWSConfigurationError.self) {
            try await AWSCredentialChain.resolve(environment: environment, sts: Self.anonymousSTS)
        }
    }

    @Test func noCredentialsAtAllNamesWhereToPutThem() async {
        do {
            _ = try await AWSCredentialChain.resolve(environment: Self.environment([:]), sts: Self.anonymousSTS)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("/home/test/.aws/credentials"))
        }
    }

    @Test func secretsNeverAppearInDescriptions() {
        let credentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG",
                                         sessionToken: "FwoGZXIvYXdzEBYaDH")
        for text in ["\(credentials)", String(describing: credentials), String(reflecting: credentials), dumped(credentials)] {
            #expect(!text.contains("wJalrXUtnFEMI"))
            #expect(!text.contains("FwoGZXIvYXdzEBYaDH"))
            #expect(!text.contains("AKIAIOSFODNN7"))
            #expect(text.contains("MPLE"))
        }
    }

    @Test func signedRequestsHideTheirCredentialsWhenPrinted() {
        let credentials = AWSCredentials(accessKeyID: "AKIDPRINT", secretAccessKey: "printsecret", sessionToken: "printtoken")
        let request = AWSSigner(credentials: credentials, region: "us-east-1", service: "secretsmanager")
            .sign(AWSRequest(method: "POST", host: "secretsmanager.us-east-1.amazonaws.com", body: Data("the secret".utf8)),
                  date: Date(timeIntervalSince1970: 0))
        #expect(request.headers["authorization"]?.contains("Signature=") == true)
        for text in ["\(request)", String(reflecting: request), dumped(request), "\(request.headers)"] {
            #expect(!text.contains("printtoken"))
            #expect(!text.contains("Signature="))
            #expect(!text.contains("the secret"))
            #expect(text.contains("<redacted>"))
        }
    }

    func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
