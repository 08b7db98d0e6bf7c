public import OCPModel

extension OCPClient {
    /// A usage and cost report; `parameters` are the API's (`groupBy`, `period`, `since`, `from`, `to`).
    public func usage(_ parameters: [(String, String)]) async throws -> UsageReportDocument {
        try await call("GET", "\(Self.base)/usage" + Self.queryString(parameters))
    }

    /// The same report as CSV.
    public func usageCSV(_ parameters: [(String, String)]) async throws -> String {
        let response = try await send("GET", "\(Self.base)/usage" + Self.queryString(parameters + [("format", "csv")]))
        guard (200..<300).contains(response.code) else {
            let _: UsageReportDocument = try Self.decode(response)
            throw ClientError.unexpectedResponse(code: response.code, message: response.text)
        }
        return response.text
    }
}
