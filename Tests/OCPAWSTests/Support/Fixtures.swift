import Foundation

/// Paths of the test fixtures, found from this file's path.
enum Fixtures {
    /// `Tests/OCPAWSTests/Fixtures`.
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        url.deleteLastPathComponent()
        return url.appendingPathComponent("Fixtures").path
    }()

    /// A fixture file's text.
    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: directory + "/" + relative, encoding: .utf8)
    }
}
