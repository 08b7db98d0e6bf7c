import Foundation
@testable import OCPAWS
import Testing

/// Every case of AWS's SigV4 test suite: canonical request, string to sign and Authorization header.
@Suite struct SigV4TestSuiteTests {
    static let cases = [
        "get-header-key-duplicate", "get-header-value-multiline", "get-header-value-order", "get-header-value-trim",
        "get-unreserved", "get-utf8", "get-vanilla", "get-vanilla-empty-query-key", "get-vanilla-query",
        "get-vanilla-query-order-encoded", "get-vanilla-query-order-key", "get-vanilla-query-order-key-case",
        "get-vanilla-query-order-value", "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-vanilla-with-session-token",
        "normalize-path/get-relative", "normalize-path/get-relative-relative", "normalize-path/get-slash",
        "normalize-path/get-slash-dot-slash", "normalize-path/get-slash-pointless-dot", "normalize-path/get-slashes",
        "normalize-path/get-space", "normalize-path/get-special-character", "post-header-key-case", "post-header-key-sort",
        "post-header-value-case", "post-sts-token/post-sts-header-after", "post-sts-token/post-sts-header-before", "post-vanilla",
        "post-vanilla-empty-query-value", "post-vanilla-query", "post-x-www-form-urlencoded",
        "post-x-www-form-urlencoded-parameters",
    ]
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    @Test func theListNamesEveryCaseOnDisk() throws {
        let root = Fixtures.directory + "/aws-sig-v4-test-suite"
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: root)
            .filter { $0.hasSuffix(".req") }
            .map { String($0.dropLast(4).split(separator: "/").dropLast().joined(separator: "/")) }
        #expect(Set(onDisk) == Set(Self.cases))
        #expect(AWSDate.timestamp(Self.date) == "20150830T123600Z")
    }

    @Test(arguments: cases) func signsLikeTheSuite(_ name: String) throws {
        let base = "aws-sig-v4-test-suite/\(name)/\(name.split(separator: "/").last!)"
        let expectedCanonical = try Fixtures.text(base + ".creq")
        let expectedStringToSign = try Fixtures.text(base + ".sts")
        let expectedAuthorization = try Fixtures.text(base + ".authz")
        // The suite's session-token cases carry the token in the expected canonical request, as botocore reads it.
        let token = expectedCanonical.split(separator: "\n").first { $0.hasPrefix("x-amz-security-token:") }
            .map { String($0.dropFirst("x-amz-security-token:".count)) }
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                         sessionToken: token)
        let signer = AWSSigner(credentials: credentials, region: "us-east-1", service: "service")
        let request = try RawRequest.parse(Fixtures.text(base + ".req"))

        let (signed, signature) = signer.signWithDetails(request, date: Self.date)

        #expect(signature.canonicalRequest == expectedCanonical)
        #expect(signature.stringToSign == expectedStringToSign)
        #expect(signature.authorization == expectedAuthorization)
        #expect(signed.headers["Authorization"] == expectedAuthorization)
        #expect(signed.headers.values("x-amz-date") == ["20150830T123600Z"])
        #expect(signed.headers["x-amz-security-token"] == token)
        #expect(signed.headers["x-amz-content-sha256"] == nil, "only S3 signs the payload hash header")
    }
}

/// Reads the suite's raw HTTP requests into `AWSRequest`s, unfolding continuation lines as HTTP parsers do.
enum RawRequest {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> AWSRequest {
        let sections = text.components(separatedBy: "\n\n")
        var lines = sections[0].components(separatedBy: "\n")
        let requestLine = lines.removeFirst()
        guard let space = requestLine.firstIndex(of: " "), let version = requestLine.range(of: " HTTP/", options: .backwards) else {
            throw Malformed()
        }
        let method = String(requestLine[..<space])
        let target = String(requestLine[requestLine.index(after: space)..<version.lowerBound])
        let (path, queryText) = target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) }
            ?? (target, "")
        let pairs = queryText.isEmpty ? [] : queryText.split(separator: "&", omittingEmptySubsequences: false)
        let query = pairs.map { pair -> AWSQueryItem in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return AWSQueryItem(AWSURIEncoding.decode(String(parts[0])), parts.count > 1 ? AWSURIEncoding.decode(String(parts[1])) : "")
        }
        var fields: [(name: String, value: String)] = []
        for line in lines {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let headers = AWSHeaders(fields)
        let body = sections.dropFirst().joined(separator: "\n\n")
        return AWSRequest(method: method, host: headers["Host"] ?? "", path: path, query: query, headers: headers, body: Data(body.utf8))
    }
}
