import HTTPTypes
import Hummingbird
import NIOCore

/// Responses of the console: HTML with a strict content policy (no inline script, nothing from elsewhere), never
/// cached, never framed.
enum HTMLResponse {
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(status: status, headers: securityHeaders(contentType: "text/html; charset=utf-8"),
                                body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// A 303 to a console path, the answer to a form that worked.
    static func redirect(_ location: String) -> Response {
        var response = Response(status: .seeOther, headers: securityHeaders(contentType: "text/plain; charset=utf-8"))
        response.headers[.location] = location
        return response
    }

    /// A download: the browser saves it under `filename` instead of showing it.
    static func download(_ bytes: [UInt8], contentType: String, filename: String) -> Response {
        var response = Response(status: .ok, headers: securityHeaders(contentType: contentType), body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        response.headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// A static asset.
    static func asset(_ bytes: [UInt8], contentType: String) -> Response {
        var response = Response(status: .ok, headers: securityHeaders(contentType: contentType), body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        response.headers[.cacheControl] = "max-age=300"
        return response
    }

    static func securityHeaders(contentType: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return headers
    }
}
