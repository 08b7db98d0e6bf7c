public import Foundation

/// The timestamp forms SigV4 uses: `20150830T123600Z` and `20150830`.
public enum AWSDate {
    /// `yyyyMMdd'T'HHmmss'Z'` in UTC, the `x-amz-date` form.
    public static func timestamp(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T"
            + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    /// `yyyyMMdd` in UTC, the credential scope's date.
    public static func day(_ date: Date) -> String {
        String(timestamp(date).prefix(8))
    }

    /// Parses the ISO 8601 forms AWS answers with, with or without fractional seconds.
    public static func parseISO8601(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func pad(_ value: Int?, _ width: Int) -> String {
        let text = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
