public import OCPAWS
import Foundation
public import Logging
import Synchronization

/// AWS clients for the driver: configuration and credentials from the environment chain, resolved when first needed
/// (a control plane with bad credentials still starts, and reports them on the operations that need them), cached,
/// and resolved again before temporary credentials expire.
public final class AWSAccess: Sendable {
    /// The environment the chain reads; the installer gets the same variables.
    public let environment: AWSEnvironment
    let logger: Logger
    private let cached = Mutex<AWSCredentials?>(nil)

    /// Access through `environment`.
    public init(environment: AWSEnvironment = .process(), logger: Logger = Logger(label: "ocpctl.installer.aws")) {
        self.environment = environment
        self.logger = logger
    }

    /// The region and endpoints for `region` (the environment's region when nil).
    public func configuration(region: String?) throws(InstallerError) -> AWSConfiguration {
        var variables = environment.variables
        if let region, !region.isEmpty { variables["AWS_REGION"] = region }
        do {
            let resolved = try AWSConfiguration.resolve(from: AWSEnvironment(variables: variables, homeDirectory: environment.homeDirectory,
                                                                             readFile: environment.readFile))
            return resolved
        } catch {
            throw .configuration(error.message)
        }
    }

    /// A client for `region`, with credentials from the chain.
    public func client(region: String?) async throws -> AWSClient {
        let configuration = try configuration(region: region)
        if let credentials = cached.withLock({ $0 }), !Self.expiresSoon(credentials) {
            return AWSClient(configuration: configuration, credentials: credentials, logger: logger)
        }
        let credentials: AWSCredentials
        do {
            let anonymous = AWSClient(configuration: configuration, credentials: nil, logger: logger)
            credentials = try await AWSCredentialChain.resolve(environment: environment, sts: anonymous.sts)
        } catch let error as AWSConfigurationError {
            throw InstallerError.credentials(error.message)
        } catch let error as AWSError {
            throw InstallerError.credentials("cannot assume the web identity role: \(error)")
        }
        cached.withLock { $0 = credentials }
        return AWSClient(configuration: configuration, credentials: credentials, logger: logger)
    }

    /// Checks that AWS accepts the credentials (STS GetCallerIdentity), as the installer's own first check does.
    public func verify(region: String?) async throws -> CallerIdentity {
        let client = try await client(region: region)
        do {
            return try await client.sts.getCallerIdentity()
        } catch let error as AWSError {
            cached.withLock { $0 = nil }
            throw InstallerError.credentials("AWS rejected the credentials of this control plane (\(error)); "
                + "fix them and the next attempt proceeds")
        }
    }

    static func expiresSoon(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return expiration.timeIntervalSinceNow < 300
    }

    /// An AWS failure as a driver error, credentials problems named as such.
    static func describe(_ error: any Error) -> InstallerError {
        if let error = error as? InstallerError { return error }
        if let error = error as? AWSError {
            let credentialCodes: Set<String> = [
                "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch", "AuthFailure",
                "UnrecognizedClientException", "InvalidAccessKeyId", "AccessDenied", "AccessDeniedException",
            ]
            return credentialCodes.contains(error.code) ? .credentials("\(error)") : .aws("\(error)")
        }
        return .aws("\(error)")
    }
}
