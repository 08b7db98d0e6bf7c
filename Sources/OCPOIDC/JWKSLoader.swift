import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Reads an issuer's JWKS from a file or over HTTP(S) and parses it.
struct JWKSLoader: Sendable {
    let source: OIDCKeySource
    /// A JWKS is a few keys; anything larger is not one.
    static let maxBytes = 1 << 20

    /// The key set as the source has it now, or why not.
    func load() async throws(OIDCError) -> OIDCKeySet {
        let data = try await read()
        do {
            return try await OIDCKeySet.parse(data)
        } catch {
            throw OIDCError("\(source): \(error.message)")
        }
    }

    func read() async throws(OIDCError) -> Data {
        switch source {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path), data.count <= Self.maxBytes else {
                throw OIDCError("cannot read \(source), or it is larger than \(Self.maxBytes) bytes")
            }
            return data
        case .url(let url):
            do {
                return try await Self.fetch(url)
            } catch let error as OIDCError {
                throw OIDCError("\(source): \(error.message)")
            } catch {
                throw OIDCError("\(source) did not answer: \(error)")
            }
        }
    }

    /// GETs the document with a client of its own that follows no redirect, so an https URL is never downgraded to http.
    static func fetch(_ url: URL) async throws -> Data {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5), read: .seconds(10))
        return try await HTTPClient.withHTTPClient(configuration: configuration) { http in
            var request = HTTPClientRequest(url: url.absoluteString)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await http.execute(request, timeout: .seconds(15))
            guard response.status == .ok else {
                throw OIDCError("answered HTTP \(response.status.code)")
            }
            let body = try await response.body.collect(upTo: maxBytes)
            return Data(body.readableBytesView)
        }
    }
}
