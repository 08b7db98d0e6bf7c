public import Foundation

/// A secret's identity after Create or PutSecretValue.
public struct SecretReference: Sendable, Equatable, Decodable {
    /// The secret's ARN.
    public let arn: String
    /// The secret's name.
    public let name: String
    /// The version just written.
    public let versionID: String?

    /// Creates a value.
    public init(arn: String, name: String, versionID: String?) {
        self.arn = arn
        self.name = name
        self.versionID = versionID
    }

    enum CodingKeys: String, CodingKey {
        case arn = "ARN"
        case name = "Name"
        case versionID = "VersionId"
    }
}

/// A secret's value; its description never shows the value.
public struct SecretValue: Sendable, Equatable, Decodable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret's ARN.
    public let arn: String
    /// The secret's name.
    public let name: String
    /// The version read.
    public let versionID: String?
    /// The text value, when the secret holds text.
    public let secretString: String?

    /// Creates a value.
    public init(arn: String, name: String, versionID: String?, secretString: String?) {
        self.arn = arn
        self.name = name
        self.versionID = versionID
        self.secretString = secretString
    }

    enum CodingKeys: String, CodingKey {
        case arn = "ARN"
        case name = "Name"
        case versionID = "VersionId"
        case secretString = "SecretString"
    }

    public var description: String {
        "SecretValue(name: \(name), versionID: \(versionID ?? "none"), secretString: \(secretString == nil ? "none" : "<redacted>"))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["arn": arn, "name": name, "versionID": versionID as Any], displayStyle: .struct)
    }
}

/// What DeleteSecret reports.
public struct SecretDeletion: Sendable, Equatable, Decodable {
    /// The secret's ARN.
    public let arn: String
    /// The secret's name.
    public let name: String
    /// When the secret is (or was) deleted.
    public let deletionDate: Date?

    /// Creates a value.
    public init(arn: String, name: String, deletionDate: Date?) {
        self.arn = arn
        self.name = name
        self.deletionDate = deletionDate
    }

    enum CodingKeys: String, CodingKey {
        case arn = "ARN"
        case name = "Name"
        case deletionDate = "DeletionDate"
    }
}
