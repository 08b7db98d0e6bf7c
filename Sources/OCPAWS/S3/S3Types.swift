public import Foundation

/// An object's bytes and metadata as GetObject returns them.
public struct S3Object: Sendable, Equatable {
    /// The object's content.
    public let body: Data
    /// The entity tag without quotes (the MD5 hex of a single-part upload).
    public let etag: String?
    /// The stored `Content-Type`.
    public let contentType: String?

    /// Creates a value.
    public init(body: Data, etag: String?, contentType: String?) {
        self.body = body
        self.etag = etag
        self.contentType = contentType
    }
}

/// What PutObject reports.
public struct S3PutObjectResult: Sendable, Equatable {
    /// The entity tag without quotes.
    public let etag: String?
    /// The version id on a versioned bucket.
    public let versionID: String?

    /// Creates a value.
    public init(etag: String?, versionID: String?) {
        self.etag = etag
        self.versionID = versionID
    }
}

/// One entry of ListObjectsV2.
public struct S3ObjectSummary: Sendable, Equatable {
    /// The object key.
    public let key: String
    /// The size in bytes.
    public let size: Int
    /// The entity tag without quotes.
    public let etag: String?

    /// Creates a value.
    public init(key: String, size: Int, etag: String?) {
        self.key = key
        self.size = size
        self.etag = etag
    }
}

extension String {
    /// The entity tag without its surrounding quotes.
    var unquotedETag: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}
