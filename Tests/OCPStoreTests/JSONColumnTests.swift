import Foundation
@testable import OCPStore
import Testing

@Suite("JSON columns")
struct JSONColumnTests {
    static let maps: [[String: String]] = [
        [:],
        ["app": "web"],
        ["b": "2", "a": "1", "c": "3"],
        ["quote\"key": "back\\slash", "url": "https://example.com/a/b"],
        ["control": "tab\tnew\nline\rbell\u{07}nul\u{0}esc\u{1B}", "unicode": "żółw 🐢 ✓"],
    ]

    @Test("a hand-encoded map is JSONEncoder's sorted-key encoding, byte for byte, and decodes back", arguments: maps)
    func mapEncoding(map: [String: String]) throws {
        let text = JSONColumn.encodeMap(map)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(text == String(decoding: try encoder.encode(map), as: UTF8.self))
        #expect(try JSONColumn.decodeMap(text) == map)
    }
}
