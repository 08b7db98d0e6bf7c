public import Foundation
import Crypto
import SWXMLHash

/// The S3 REST calls ocpctl needs; buckets are addressed by path when the endpoint is overridden, else by host.
public struct S3: Sendable {
    /// The client that signs and sends.
    public let client: AWSClient

    /// Creates the S3 calls over `client`.
    public init(client: AWSClient) {
        self.client = client
    }

    /// Creates a bucket in the client's region.
    public func createBucket(_ bucket: String) async throws {
        let region = client.configuration.region
        var body = Data()
        if region != "us-east-1" {
            body = Data(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(Self.xmlEscaped(region))</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        _ = try await send("CreateBucket", method: "PUT", bucket: bucket, body: body)
    }

    /// Deletes an empty bucket.
    public func deleteBucket(_ bucket: String) async throws {
        _ = try await send("DeleteBucket", method: "DELETE", bucket: bucket)
    }

    /// Stores an object; `Content-MD5` lets S3 reject a body damaged on the way.
    public func putObject(bucket: String, key: String, body: Data,
                          contentType: String = "application/octet-stream") async throws -> S3PutObjectResult {
        let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
        let headers = AWSHeaders([("Content-Type", contentType), ("Content-MD5", md5)])
        let response = try await send("PutObject", method: "PUT", bucket: bucket, key: key, headers: headers, body: body)
        return S3PutObjectResult(etag: response.headers["ETag"]?.unquotedETag, versionID: response.headers["x-amz-version-id"])
    }

    /// Reads an object.
    public func getObject(bucket: String, key: String) async throws -> S3Object {
        let response = try await send("GetObject", method: "GET", bucket: bucket, key: key)
        return S3Object(body: response.body, etag: response.headers["ETag"]?.unquotedETag, contentType: response.headers["Content-Type"])
    }

    /// Deletes an object; deleting a missing key succeeds, as in S3.
    public func deleteObject(bucket: String, key: String) async throws {
        _ = try await send("DeleteObject", method: "DELETE", bucket: bucket, key: key)
    }

    /// One page of ListObjectsV2.
    public func listObjectsV2Page(bucket: String, prefix: String? = nil, maxKeys: Int? = nil,
                                  continuationToken: String? = nil) async throws -> AWSPage<S3ObjectSummary> {
        var query = [AWSQueryItem("list-type", "2")]
        if let prefix { query.append(AWSQueryItem("prefix", prefix)) }
        if let maxKeys { query.append(AWSQueryItem("max-keys", String(maxKeys))) }
        if let continuationToken { query.append(AWSQueryItem("continuation-token", continuationToken)) }
        let response = try await send("ListObjectsV2", method: "GET", bucket: bucket, query: query)
        let result = try XMLResponse.document(response.body, service: .s3, operation: "ListObjectsV2")["ListBucketResult"]
        let objects = result["Contents"].all.map { item in
            S3ObjectSummary(key: item["Key"].text ?? "", size: Int(item["Size"].text ?? "") ?? 0, etag: item["ETag"].text?.unquotedETag)
        }
        let truncated = result["IsTruncated"].text == "true"
        return AWSPage(items: objects, nextToken: truncated ? result["NextContinuationToken"].text : nil)
    }

    /// Every object under `prefix` (all pages).
    public func listObjectsV2(bucket: String, prefix: String? = nil) async throws -> [S3ObjectSummary] {
        try await AWSPagination.collect { token in
            try await listObjectsV2Page(bucket: bucket, prefix: prefix, continuationToken: token)
        }
    }

    func send(_ operation: String, method: String, bucket: String, key: String? = nil, query: [AWSQueryItem] = [],
              headers: AWSHeaders = AWSHeaders(), body: Data = Data()) async throws -> AWSResponse {
        var request = client.request(.s3, method: method, query: query, headers: headers, body: body)
        let encodedKey = key.map { "/" + AWSURIEncoding.encodePath($0) } ?? ""
        if usesPathStyle(bucket) {
            request.path = client.configuration.endpoint(for: .s3).basePath + "/" + AWSURIEncoding.encode(bucket) + encodedKey
        } else {
            request.host = "\(bucket).\(request.host)"
            request.path = encodedKey.isEmpty ? "/" : encodedKey
        }
        return try await client.send(request, service: .s3, operation: operation)
    }

    /// Path style for overridden endpoints and for names that cannot be a DNS label (dots break TLS).
    func usesPathStyle(_ bucket: String) -> Bool {
        client.configuration.endpoint(for: .s3).isOverridden || bucket.contains(".")
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

extension AWSClient {
    /// The S3 calls.
    public var s3: S3 { S3(client: self) }
}
