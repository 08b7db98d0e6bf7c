public import Foundation
public import Logging

/// Signs and sends requests to AWS services, retrying throttling, 5xx and connection failures with backoff.
public struct AWSClient: Sendable {
    /// Region, profile and endpoints.
    public let configuration: AWSConfiguration
    /// The signing credentials; nil sends requests unsigned (as AssumeRoleWithWebIdentity is).
    public let credentials: AWSCredentials?
    /// What sends the bytes.
    public let transport: any AWSTransport
    /// How failures are retried.
    public var retry: AWSRetryPolicy
    /// The time used for signatures.
    public var clock: @Sendable () -> Date
    /// The timeout of one attempt.
    public var timeout: Duration
    /// Where retries are logged (never with secrets).
    public var logger: Logger

    /// Creates a client from resolved configuration and credentials.
    public init(configuration: AWSConfiguration, credentials: AWSCredentials?,
                transport: any AWSTransport = AsyncHTTPClientTransport(), retry: AWSRetryPolicy = AWSRetryPolicy(),
                clock: @escaping @Sendable () -> Date = { Date() }, timeout: Duration = .seconds(60),
                logger: Logger = Logger(label: "ocpctl.aws")) {
        self.configuration = configuration
        self.credentials = credentials
        self.transport = transport
        self.retry = retry
        self.clock = clock
        self.timeout = timeout
        self.logger = logger
    }

    /// Resolves configuration and the default credential chain from `environment`, then creates a client.
    public static func resolve(environment: AWSEnvironment = .process(), transport: any AWSTransport = AsyncHTTPClientTransport(),
                               retry: AWSRetryPolicy = AWSRetryPolicy(), clock: @escaping @Sendable () -> Date = { Date() },
                               logger: Logger = Logger(label: "ocpctl.aws")) async throws -> AWSClient {
        let configuration = try AWSConfiguration.resolve(from: environment)
        let anonymous = AWSClient(configuration: configuration, credentials: nil, transport: transport, retry: retry, clock: clock,
                                  logger: logger)
        let credentials = try await AWSCredentialChain.resolve(environment: environment, sts: anonymous.sts)
        logger.debug("resolved AWS credentials", metadata: ["source": "\(credentials.source)", "region": "\(configuration.region)"])
        return anonymous.with(credentials: credentials)
    }

    /// The same client signing with other credentials.
    public func with(credentials: AWSCredentials?) -> AWSClient {
        AWSClient(configuration: configuration, credentials: credentials, transport: transport, retry: retry, clock: clock,
                  timeout: timeout, logger: logger)
    }

    /// A request to `service`'s endpoint; `path` is the encoded path below the endpoint's base path.
    public func request(_ service: AWSService, method: String, path: String = "/", query: [AWSQueryItem] = [],
                        headers: AWSHeaders = AWSHeaders(), body: Data = Data()) -> AWSRequest {
        let endpoint = configuration.endpoint(for: service)
        return AWSRequest(method: method, scheme: endpoint.scheme, host: endpoint.host, path: endpoint.basePath + path,
                          query: query, headers: headers, body: body)
    }

    /// Signs and sends `request`, retrying what may succeed later; a non-2xx answer becomes an `AWSError`.
    public func send(_ request: AWSRequest, service: AWSService, operation: String) async throws -> AWSResponse {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let error: AWSError
            do {
                let response = try await transport.send(sign(request, service: service), timeout: timeout)
                if (200...299).contains(response.status) { return response }
                error = AWSErrorParser.error(from: response, service: service.signingName, operation: operation, attempts: attempt)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let message = (error as? AWSTransportError)?.message ?? "\(error)"
                let failure = AWSError(service: service.signingName, operation: operation, statusCode: nil, code: "ConnectionError",
                                       message: message, requestID: nil, attempts: attempt)
                guard attempt < retry.maxAttempts else { throw failure }
                try await backOff(failure, attempt: attempt)
                continue
            }
            guard error.isRetryable, attempt < retry.maxAttempts else { throw error }
            try await backOff(error, attempt: attempt)
        }
    }

    func sign(_ request: AWSRequest, service: AWSService) -> AWSRequest {
        guard let credentials else { return request }
        return AWSSigner(credentials: credentials, region: configuration.region, service: service.signingName)
            .sign(request, date: clock())
    }

    func backOff(_ error: AWSError, attempt: Int) async throws {
        let delay = retry.delay(beforeRetry: attempt)
        logger.debug("retrying AWS call", metadata: [
            "service": "\(error.service)", "operation": "\(error.operation)", "code": "\(error.code)",
            "status": "\(error.statusCode.map(String.init) ?? "none")", "attempt": "\(attempt)", "delay": "\(delay)",
        ])
        try await retry.sleep(delay)
    }
}
