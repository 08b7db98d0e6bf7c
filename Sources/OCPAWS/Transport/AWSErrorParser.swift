import Foundation
import SWXMLHash

/// Turns an error answer (XML of the Query and REST protocols, or JSON) into an `AWSError`.
enum AWSErrorParser {
    static func error(from response: AWSResponse, service: String, operation: String, attempts: Int) -> AWSError {
        var code: String?
        var message: String?
        var requestID = response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
        if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
            code = (object["__type"] as? String ?? object["code"] as? String ?? object["Code"] as? String)
                .map { String($0.split(separator: "#").last ?? Substring($0)) }
            message = object["message"] as? String ?? object["Message"] as? String
        } else if !response.body.isEmpty, case let xml = XMLResponse.parse(response.body), xml.children.first?.element != nil {
            code = XMLResponse.firstText(xml, named: "Code")
            message = XMLResponse.firstText(xml, named: "Message")
            requestID = requestID ?? XMLResponse.firstText(xml, named: "RequestId") ?? XMLResponse.firstText(xml, named: "RequestID")
        }
        if code == nil, let type = response.headers["x-amzn-ErrorType"] {
            code = String(type.split(separator: ":").first ?? Substring(type))
        }
        let fallback = String(decoding: response.body.prefix(512), as: UTF8.self)
        return AWSError(service: service, operation: operation, statusCode: response.status, code: code ?? statusCode(response.status),
                        message: message ?? (fallback.isEmpty ? "no error body" : fallback), requestID: requestID, attempts: attempts)
    }

    /// A code for answers without one (e.g. S3's HEAD).
    static func statusCode(_ status: Int) -> String {
        switch status {
        case 400: "BadRequest"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 409: "Conflict"
        case 429: "TooManyRequests"
        case 500...599: "ServerError"
        default: "HTTP\(status)"
        }
    }
}
