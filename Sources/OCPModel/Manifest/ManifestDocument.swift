/// Where a document came from: a file (or `<stdin>`) and its 1-based index in that file.
public struct DocumentLocation: Sendable, Hashable, CustomStringConvertible {
    public var source: String
    public var index: Int
    /// 1-based line where the document starts.
    public var line: Int

    public init(source: String, index: Int, line: Int) {
        self.source = source
        self.index = index
        self.line = line
    }

    public var description: String { "\(source):\(line) (document \(index))" }
}

/// A document that decoded into a cluster.
public struct ManifestDocument: Sendable, Hashable {
    public var location: DocumentLocation
    public var cluster: Cluster
    /// Where each field is, for errors found after decoding.
    public var fieldLines: FieldLines

    public init(location: DocumentLocation, cluster: Cluster, fieldLines: FieldLines? = nil) {
        self.location = location
        self.cluster = cluster
        self.fieldLines = fieldLines ?? FieldLines(documentLine: location.line)
    }

    /// A `ManifestError` for a field error found in this document, pointing at the field's line.
    public func error(_ fieldError: FieldError) -> ManifestError {
        var located = fieldError
        if located.line == nil { located.line = fieldLines.line(of: fieldError.field) }
        return ManifestError(location: location, issue: located)
    }
}

/// A document that did not decode, with the issue and where it is.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: DocumentLocation
    public var issue: FieldError

    public init(location: DocumentLocation, issue: FieldError) {
        self.location = location
        self.issue = issue
    }

    /// `file:line: document N: field: message`, the form editors and CI logs link to.
    public var description: String {
        "\(location.source):\(issue.line ?? location.line): document \(location.index): \(issue)"
    }
}
