import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore
import OCPModel

/// The API as the console calls it: a request answered in process by the API's own router, with the signed-in
/// user's bearer token, so authentication, RBAC, admission, quotas and audit are the API's and nothing else's.
public struct ConsoleAPI<Context: RequestContext>: Sendable {
    /// Answers one request as the API's router does.
    public typealias Send = @Sendable (Request, Context) async throws -> Response
    let send: Send
    let decoded = DecodedAnswers()

    /// Creates the console's door to the API from the router's responder.
    public init(_ send: @escaping Send) { self.send = send }

    /// The API group's base path.
    static var base: String { "/apis/ocpctl.io/v1alpha1" }

    /// Sends a request and returns the response, its body still to be read (watches stream).
    func response(_ method: HTTPRequest.Method, _ path: String, token: String, body: [UInt8]? = nil, contentType: String? = nil,
                  accept: String = "application/json", context: Context) async throws -> Response {
        var head = HTTPRequest(method: method, scheme: "https", authority: "console.local", path: path)
        head.headerFields[.authorization] = "Bearer " + token
        head.headerFields[.accept] = accept
        if let contentType { head.headerFields[.contentType] = contentType }
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body ?? [])))
        return try await send(request, context)
    }

    /// Sends a request and reads the whole answer.
    func call(_ method: HTTPRequest.Method, _ path: String, token: String, body: [UInt8]? = nil, contentType: String? = nil,
              accept: String = "application/json", context: Context) async throws -> APIReply {
        let response = try await response(method, path, token: token, body: body, contentType: contentType, accept: accept, context: context)
        var collector = BodyCollector()
        try await response.body.write(collector.writer)
        return APIReply(code: Int(response.status.code), body: collector.bytes, contentType: response.headers[.contentType])
    }

    /// Reads a JSON document, or throws the API's Status. An answer equal to the last one to the same caller and path
    /// is not decoded again.
    func get<T: Decodable & Sendable>(_ type: T.Type, _ path: String, token: String, context: Context) async throws -> T {
        let reply = try await call(.get, path, token: token, context: context)
        guard reply.ok else { throw reply.status }
        return try decoded.value(T.self, key: "\(token.hashValue)\u{0}" + path, body: reply.body)
    }
}

/// One answer read whole.
struct APIReply: Sendable {
    var code: Int
    var body: [UInt8]
    var contentType: String?

    var ok: Bool { (200..<300).contains(code) }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as `T` when the call succeeded; the API's Status as the error otherwise.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard ok else { throw status }
        return try JSONDecoder().decode(T.self, from: Data(body))
    }

    /// The Status an error answer carries, or one made from its code.
    var status: StatusDocument {
        (try? JSONDecoder().decode(StatusDocument.self, from: Data(body)))
            ?? StatusDocument(code: code, reason: .internalError, message: "the API answered \(code)")
    }
}

/// Collects a response body written in process.
struct BodyCollector {
    private let box = Box()

    final class Box: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    struct Writer: ResponseBodyWriter {
        let box: Box
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            box.buffer.writeBuffer(&buffer)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    var writer: Writer { Writer(box: box) }
    var bytes: [UInt8] { Array(box.buffer.readableBytesView) }
}
