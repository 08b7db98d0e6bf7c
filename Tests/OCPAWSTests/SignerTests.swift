import Foundation
@testable import OCPAWS
import Testing

/// S3's signing rules and the encoding rules around the test suite, checked against AWS's documented S3 example and botocore.
@Suite struct SignerTests {
    static let credentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

    @Test func s3GetObjectExampleFromTheS3Documentation() {
        let signer = AWSSigner(credentials: Self.credentials, region: "us-east-1", service: "s3")
        let request = AWSRequest(method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/test.txt",
                                 headers: AWSHeaders([("Range", "bytes=0-9")]))
        let (signed, signature) = signer.signWithDetails(request, date: Self.date)
        #expect(signature.authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signed.headers["x-amz-content-sha256"] == AWSSigner.emptyPayloadHash)
    }

    @Test func s3PathsAreSignedAsSentNotEncodedTwice() {
        let signer = AWSSigner(credentials: Self.credentials, region: "us-east-1", service: "s3")
        let request = AWSRequest(method: "GET", host: "examplebucket.s3.amazonaws.com",
                                 path: AWSURIEncoding.encodePath("/my photo+1.jpg"))
        let (_, signature) = signer.signWithDetails(request, date: Self.date)
        #expect(request.path == "/my%20photo%2B1.jpg")
        #expect(signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/my%20photo%2B1.jpg")
        #expect(signature.signature == "957a8ba80b619f651a459fb211d67f87b6912dc9cb1b930ce8b32581fe1345fb")
    }

    @Test func s3KeepsDotSegmentsAndDoubleSlashes() {
        let signer = AWSSigner(credentials: Self.credentials, region: "us-east-1", service: "s3")
        let request = AWSRequest(method: "GET", host: "b.s3.amazonaws.com", path: "/a//./b")
        let (_, signature) = signer.signWithDetails(request, date: Self.date)
        #expect(signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/a//./b")
    }

    @Test func otherServicesEncodeTheSentPathAgain() {
        let signer = AWSSigner(credentials: Self.credentials, region: "us-east-1", service: "service")
        let request = AWSRequest(method: "GET", host: "example.amazonaws.com", path: "/a%20b")
        let (_, signature) = signer.signWithDetails(request, date: Self.date)
        #expect(signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/a%2520b")
        #expect(signature.signature == "97f7d36c14ab040f7ca7631ebdc3cae601d70c54969a13bc133840517509792d")
    }

    @Test func s3SignsTheBodyHashAndTheSessionToken() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "token")
        let signer = AWSSigner(credentials: credentials, region: "eu-west-1", service: "s3")
        let request = AWSRequest(method: "PUT", host: "b.s3.eu-west-1.amazonaws.com", path: "/k", body: Data("hello".utf8))
        let (signed, signature) = signer.signWithDetails(request, date: Self.date)
        let hash = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        #expect(signed.headers["x-amz-content-sha256"] == hash)
        #expect(signed.headers["x-amz-security-token"] == "token")
        #expect(signature.canonicalRequest.hasSuffix("\nhost;x-amz-content-sha256;x-amz-date;x-amz-security-token\n\(hash)"))
        #expect(signature.authorization.contains("Credential=AKID/20130524/eu-west-1/s3/aws4_request"))
    }

    @Test func reSigningReplacesTheOldSignature() {
        let signer = AWSSigner(credentials: Self.credentials, region: "us-east-1", service: "ec2")
        let request = AWSRequest(method: "POST", host: "ec2.us-east-1.amazonaws.com")
        let once = signer.sign(request, date: Self.date)
        let twice = signer.sign(once, date: Self.date.addingTimeInterval(60))
        #expect(twice.headers.values("authorization").count == 1)
        #expect(twice.headers.values("x-amz-date") == ["20130524T000100Z"])
    }

    @Test func encodingRules() {
        #expect(AWSURIEncoding.encode("a b/c~d*e+f=") == "a%20b%2Fc~d%2Ae%2Bf%3D")
        #expect(AWSURIEncoding.encodePath("/a b/ሴ") == "/a%20b/%E1%88%B4")
        #expect(AWSURIEncoding.decode("%E1%88%B4+x%2") == "ሴ+x%2")
        #expect(AWSURIEncoding.decode("a+b", plusAsSpace: true) == "a b")
        #expect(AWSURIEncoding.normalizePath("/a/b/../../..") == "/")
        #expect(AWSURIEncoding.normalizePath("//a//b/./") == "/a/b/")
        #expect(AWSURIEncoding.normalizePath("") == "/")
    }

    @Test func theURLCarriesTheQueryEncodedAsSigned() {
        let request = AWSRequest(method: "GET", scheme: "http", host: "127.0.0.1:5000", path: "/b",
                                 query: [AWSQueryItem("list-type", "2"), AWSQueryItem("prefix", "a b/")])
        #expect(request.url == "http://127.0.0.1:5000/b?list-type=2&prefix=a%20b%2F")
    }
}
