import Foundation
public import Logging

/// One line per event on standard error, through `LogWriter`, so a log nobody reads never stalls the process:
/// JSON (time, level, label, message and metadata, request_id among them) or text, as swift-log's stream handler.
public struct LineLogHandler: LogHandler {
    /// How each line is written.
    public enum Format: Sendable {
        case json
        case text
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let format: Format

    /// Creates a handler for `label`; use with `LoggingSystem.bootstrap { LineLogHandler(label: $0, format: .json) }`.
    public init(label: String, format: Format) {
        self.label = label
        self.format = format
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let time = ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new })
        switch format {
        case .json:
            var fields: [String: String] = ["time": time, "level": event.level.rawValue, "label": label, "message": "\(event.message)"]
            for (key, value) in merged { fields[key] = "\(value)" }
            guard var line = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
            line.append(UInt8(ascii: "\n"))
            LogWriter.standardError.write(line)
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            LogWriter.standardError.write(Data("\(time) \(event.level) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n".utf8))
        }
    }
}
