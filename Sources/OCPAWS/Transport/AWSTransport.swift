public import Foundation

/// An HTTP answer from an AWS endpoint.
public struct AWSResponse: Sendable {
    /// The HTTP status code.
    public let status: Int
    /// The response headers.
    public let headers: AWSHeaders
    /// The whole body.
    public let body: Data

    /// Creates a response.
    public init(status: Int, headers: AWSHeaders = AWSHeaders(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends one signed request and returns the answer whatever its status; throws only when there is no answer.
public protocol AWSTransport: Sendable {
    /// Sends `request` and collects the whole response.
    func send(_ request: AWSRequest, timeout: Duration) async throws -> AWSResponse
}

/// Why a transport got no answer (connection refused, reset, timed out).
public struct AWSTransportError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public let message: String

    /// Creates a transport error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
