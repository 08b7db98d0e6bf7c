import HTTPTypes
import Hummingbird
import OCPModel

extension Request {
    /// The body, at most `limit` bytes; larger bodies get 413 before they are parsed.
    func readBody(limit: Int) async throws -> [UInt8] {
        let tooLarge = APIError(.requestEntityTooLarge, "the request body is larger than the limit of \(limit) bytes")
        if let length = headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        do {
            let buffer = try await body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw tooLarge
        }
    }

    /// A query parameter's value.
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name)
    }

    /// True for `?dryRun=All`; any other value is a 400, as in Kubernetes.
    func dryRun() throws(APIError) -> Bool {
        guard let value = query("dryRun") else { return false }
        guard value == "All" else { throw APIError(.badRequest, "unsupported dryRun value \"\(value)\": only All") }
        return true
    }
}
