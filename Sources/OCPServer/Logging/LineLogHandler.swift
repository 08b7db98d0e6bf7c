import Foundation
public import Logging
import OCPModel

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
        let time = Self.now()
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new })
        switch format {
        case .json:
            var fields: [String: String] = ["time": time, "level": event.level.rawValue, "label": label, "message": "\(event.message)"]
            for (key, value) in merged { fields[key] = "\(value)" }
            var line: [UInt8] = [UInt8(ascii: "{")]
            line.reserveCapacity(256)
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { line.append(UInt8(ascii: ",")) }
                JSONText.appendString(key, to: &line)
                line.append(UInt8(ascii: ":"))
                JSONText.appendString(fields[key]!, to: &line)
            }
            line += Array("}\n".utf8)
            LogWriter.standardError.write(Data(line))
        case .text:
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            LogWriter.standardError.write(Data("\(time) \(event.level) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n".utf8))
        }
    }

    /// Now in RFC 3339 with milliseconds, written without a date formatter: this runs for every request, and the
    /// formatter cost more than the rest of a small request.
    static func now() -> String {
        let now = Date().timeIntervalSince1970
        let seconds = now.rounded(.down)
        let millis = min(999, Int((now - seconds) * 1000))
        var text = Timestamp(secondsSinceEpoch: Int64(seconds)).rfc3339
        text.removeLast()
        return text + (millis < 10 ? ".00" : millis < 100 ? ".0" : ".") + String(millis) + "Z"
    }
}
