import Foundation

/// Writes to standard error, where diagnostics belong.
enum StandardError {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
