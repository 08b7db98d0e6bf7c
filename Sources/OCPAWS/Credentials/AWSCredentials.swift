public import Foundation

/// An access key pair with an optional session token; its description never shows the secret or the token.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The access key id, e.g. `AKIA…`; not secret on its own.
    public let accessKeyID: String
    /// The secret access key.
    public let secretAccessKey: String
    /// The session token of temporary credentials.
    public let sessionToken: String?
    /// When temporary credentials stop working.
    public let expiration: Date?
    /// Where the credentials came from, e.g. `environment` or `shared credentials file, profile default`.
    public let source: String

    /// Creates credentials.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
                source: String = "static") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    /// The access key id with all but its last four characters hidden.
    public var redactedAccessKeyID: String {
        accessKeyID.count <= 4 ? "****" : String(repeating: "*", count: 4) + accessKeyID.suffix(4)
    }

    public var description: String {
        "AWSCredentials(accessKeyID: \(redactedAccessKeyID), secretAccessKey: <redacted>, "
            + "sessionToken: \(sessionToken == nil ? "none" : "<redacted>"), source: \(source))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyID": redactedAccessKeyID, "source": source], displayStyle: .struct)
    }
}
