import Crypto
import Foundation
import OCPAWS
import Testing

/// S3 against moto, path-style: a bucket, an object round trip with checksums, listing and deletion.
@Suite(.enabled(if: Moto.enabled, Moto.disabledReason))
struct MotoS3Tests {
    @Test(arguments: ["us-east-1", "eu-west-1"]) func objectRoundTrip(region: String) async throws {
        let s3 = try Moto.client(region: region).s3
        let bucket = Moto.uniqueName("ocpctl-test")
        try await s3.createBucket(bucket)
        var bytes = Data("install-config: ".utf8)
        bytes += Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let key = "clusters/a b+c/ignition ሴ.json"

        let put = try await s3.putObject(bucket: bucket, key: key, body: bytes, contentType: "application/json")
        #expect(put.etag == Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined())

        let object = try await s3.getObject(bucket: bucket, key: key)
        #expect(SHA256.hash(data: object.body) == SHA256.hash(data: bytes))
        #expect(object.etag == put.etag)
        #expect(object.contentType == "application/json")

        let listed = try await s3.listObjectsV2(bucket: bucket, prefix: "clusters/")
        #expect(listed == [S3ObjectSummary(key: key, size: bytes.count, etag: put.etag)])

        try await s3.deleteObject(bucket: bucket, key: key)
        let error = await #expect(throws: AWSError.self) { try await s3.getObject(bucket: bucket, key: key) }
        #expect(error?.code == "NoSuchKey")
        #expect(error?.statusCode == 404)
        #expect(try await s3.listObjectsV2(bucket: bucket).isEmpty)
        try await s3.deleteBucket(bucket)
    }

    @Test func listingFollowsContinuationTokens() async throws {
        let s3 = try Moto.client().s3
        let bucket = Moto.uniqueName("ocpctl-list")
        try await s3.createBucket(bucket)
        for index in 0..<5 { _ = try await s3.putObject(bucket: bucket, key: "k/\(index)", body: Data([UInt8(index)])) }
        let first = try await s3.listObjectsV2Page(bucket: bucket, maxKeys: 2)
        #expect(first.items.map(\.key) == ["k/0", "k/1"])
        let token = try #require(first.nextToken)
        let second = try await s3.listObjectsV2Page(bucket: bucket, maxKeys: 2, continuationToken: token)
        #expect(second.items.map(\.key) == ["k/2", "k/3"])
        #expect(try await s3.listObjectsV2(bucket: bucket).map(\.key) == (0..<5).map { "k/\($0)" })
    }

    @Test func aMissingBucketIsAStructuredError() async throws {
        let s3 = try Moto.client().s3
        let error = await #expect(throws: AWSError.self) {
            try await s3.putObject(bucket: Moto.uniqueName("missing"), key: "k", body: Data("x".utf8))
        }
        #expect(error?.code == "NoSuchBucket")
        #expect(error?.operation == "PutObject")
        #expect(error?.service == "s3")
    }
}
