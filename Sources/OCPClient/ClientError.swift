public import OCPModel

/// Why a client call failed: the server's Status, or no usable answer at all.
public enum ClientError: Error, Sendable, CustomStringConvertible {
    /// The server answered with an error Status.
    case status(StatusDocument)
    /// The server could not be reached or the connection failed.
    case transport(server: String, message: String)
    /// The answer was not what the API returns.
    case unexpectedResponse(code: Int, message: String)

    public var description: String {
        switch self {
        case .status(let status): status.description
        case let .transport(server, message): "cannot reach the ocpctl server at \(server): \(message)"
        case let .unexpectedResponse(code, message): "unexpected response from the server (HTTP \(code)): \(message)"
        }
    }

    /// The Status code when the server answered with one.
    public var code: Int? {
        if case .status(let status) = self { return status.code }
        return nil
    }
}
