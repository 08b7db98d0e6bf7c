public import OCPCloud
public import OCPAWS
import Foundation

/// Artifacts as objects in an S3 bucket under a prefix (`s3://bucket/prefix/key` URIs).
public struct S3ArtifactStore: KeyedArtifactStore {
    public let bucket: String
    /// Without leading or trailing slashes; may be empty.
    public let prefix: String
    /// The client for the bucket's region, resolved when first needed.
    let client: @Sendable () async throws -> AWSClient

    /// A store in `bucket` under `prefix`, reached through `client`.
    public init(bucket: String, prefix: String, client: @escaping @Sendable () async throws -> AWSClient) {
        self.bucket = bucket
        self.prefix = prefix.split(separator: "/").joined(separator: "/")
        self.client = client
    }

    public func uri(forKey key: String) -> String {
        "s3://\(bucket)/\(objectKey(key))"
    }

    public func owns(uri: String) -> Bool {
        uri.hasPrefix("s3://\(bucket)/" + (prefix.isEmpty ? "" : prefix + "/"))
    }

    public func put(key: String, bytes: [UInt8], contentType: String) async throws -> StoredArtifact {
        _ = try await client().s3.putObject(bucket: bucket, key: objectKey(key), body: Data(bytes), contentType: contentType)
        return StoredArtifact(uri: uri(forKey: key), sha256: sha256Hex(bytes), size: bytes.count)
    }

    public func get(uri: String) async throws -> [UInt8]? {
        guard let key = key(of: uri) else { return nil }
        do {
            return [UInt8](try await client().s3.getObject(bucket: bucket, key: key).body)
        } catch let error as AWSError where error.code == "NoSuchKey" || error.statusCode == 404 {
            return nil
        }
    }

    public func delete(uri: String) async throws {
        guard let key = key(of: uri) else { return }
        try await client().s3.deleteObject(bucket: bucket, key: key)
    }

    func objectKey(_ key: String) -> String {
        prefix.isEmpty ? key : "\(prefix)/\(key)"
    }

    func key(of uri: String) -> String? {
        let head = "s3://\(bucket)/"
        guard owns(uri: uri) else { return nil }
        return String(uri.dropFirst(head.count))
    }
}

/// Where artifacts go, from `--artifacts`: `s3://bucket[/prefix]` or a directory.
public enum ArtifactLocation: Sendable, Hashable {
    case directory(String)
    case s3(bucket: String, prefix: String)

    /// Parses the flag's value.
    public static func parse(_ text: String) throws(InstallerError) -> ArtifactLocation {
        guard text.hasPrefix("s3://") else { return .directory(text) }
        let rest = text.dropFirst("s3://".count)
        let parts = rest.split(separator: "/", maxSplits: 1).map(String.init)
        guard let bucket = parts.first, !bucket.isEmpty else { throw .configuration("--artifacts \(text): no bucket name") }
        return .s3(bucket: bucket, prefix: parts.count > 1 ? parts[1] : "")
    }
}
