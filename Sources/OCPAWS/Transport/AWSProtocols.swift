import Foundation
import SWXMLHash

extension AWSClient {
    /// A Query-protocol call (EC2, STS): form-encoded POST, XML answer handed to `parse`.
    func query<Output: Sendable>(_ service: AWSService, action: String, version: String, parameters: [AWSQueryItem],
                                 parse: (XMLIndexer) throws -> Output) async throws -> Output {
        let form = ([AWSQueryItem("Action", action), AWSQueryItem("Version", version)] + parameters)
            .map { "\(AWSURIEncoding.encode($0.name))=\(AWSURIEncoding.encode($0.value))" }
            .joined(separator: "&")
        let request = self.request(service, method: "POST",
                                   headers: AWSHeaders([("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]), body: Data(form.utf8))
        let response = try await send(request, service: service, operation: action)
        return try parse(XMLResponse.document(response.body, service: service, operation: action))
    }

    /// A JSON 1.1 call (Secrets Manager, Resource Groups Tagging): `X-Amz-Target` names the operation.
    func json<Input: Encodable, Output: Decodable & Sendable>(_ service: AWSService, targetPrefix: String, operation: String,
                                                              input: Input, as output: Output.Type = Output.self) async throws -> Output {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let headers = AWSHeaders([("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "\(targetPrefix).\(operation)")])
        let request = self.request(service, method: "POST", headers: headers, body: try encoder.encode(input))
        let response = try await send(request, service: service, operation: operation)
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return try decoder.decode(Output.self, from: response.body.isEmpty ? Data("{}".utf8) : response.body)
        } catch {
            throw AWSError(service: service.signingName, operation: operation, statusCode: response.status, code: "InvalidResponse",
                           message: "cannot decode the answer: \(error)", requestID: response.headers["x-amzn-RequestId"], attempts: 1)
        }
    }
}
