import AsyncHTTPClient
import Foundation
import NIOCore

/// A browser without a browser: one session cookie, forms posted as a browser posts them, redirects not followed,
/// so each answer (303, Set-Cookie, 403) is seen as sent.
final class ConsoleClient: @unchecked Sendable {
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    let base: String
    var cookies: [String: String] = [:]

    struct Answer {
        var code: Int
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        var setCookies: [String] { headers.filter { $0.0.lowercased() == "set-cookie" }.map(\.1) }

        /// The value of the first hidden `_csrf` input of the page.
        var csrf: String? {
            guard let range = body.range(of: #"name="_csrf" value=""#) else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    init(port: Int) { base = "http://127.0.0.1:\(port)" }

    func get(_ path: String) async throws -> Answer {
        try await send("GET", path, body: nil)
    }

    /// Posts `fields` url-encoded, as a form does.
    func post(_ path: String, _ fields: [(String, String)]) async throws -> Answer {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return try await send("POST", path, body: body)
    }

    /// Signs in with `token` through the sign-in form.
    func signIn(_ token: String) async throws -> Answer {
        let form = try await get("/ui/signin")
        return try await post("/ui/signin", [("_csrf", form.csrf ?? ""), ("token", token)])
    }

    /// Reads a Server-Sent Events stream until its text satisfies `done`, or the 10-second deadline ends it; returns what it read.
    func stream(_ path: String, until done: @escaping @Sendable (String) -> Bool) async throws -> String {
        var request = HTTPClientRequest(url: base + path)
        request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        let response = try await Self.http.execute(request, timeout: .seconds(10))
        var text = ""
        do {
            for try await buffer in response.body {
                text += String(buffer: buffer)
                if done(text) { break }
            }
        } catch {
            // The deadline ended the stream: what was read is the answer.
        }
        return text
    }

    private func send(_ method: String, _ path: String, body: String?) async throws -> Answer {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        if !cookies.isEmpty { request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await Self.http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        let answer = Answer(code: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                            body: String(buffer: bytes))
        for header in answer.setCookies {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let (name, value) = (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            if value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return answer
    }
}
