public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The production transport: AsyncHTTPClient, bodies collected up to a limit.
public struct AsyncHTTPClientTransport: AWSTransport {
    /// The HTTP client; the shared one by default.
    public let http: HTTPClient
    /// The largest response body accepted.
    public let maxBodyBytes: Int

    /// Creates a transport over `http`.
    public init(http: HTTPClient = .shared, maxBodyBytes: Int = 256 << 20) {
        self.http = http
        self.maxBodyBytes = maxBodyBytes
    }

    /// Sends the request; errors without an HTTP answer become `AWSTransportError`.
    public func send(_ request: AWSRequest, timeout: Duration) async throws -> AWSResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        do {
            let response = try await http.execute(outgoing, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
            let bytes = try await response.body.collect(upTo: maxBodyBytes)
            return AWSResponse(status: Int(response.status.code),
                               headers: AWSHeaders(response.headers.map { (name: $0.name, value: $0.value) }),
                               body: Data(bytes.readableBytesView))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw AWSTransportError("\(request.method) \(request.scheme)://\(request.host): \(error)")
        }
    }
}

extension Duration {
    /// The whole duration in nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled + attoseconds / 1_000_000_000
    }
}
