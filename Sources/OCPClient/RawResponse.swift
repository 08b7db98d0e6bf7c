/// An HTTP answer as received: status code, headers and body.
public struct RawResponse: Sendable {
    public var code: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    /// The first value of a header, case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
