import Foundation

/// The compact form of a signed JWT: three base64url segments, `header.payload.signature`.
public enum JWTShape {
    /// True when `token` has that form; only such tokens are sent to the OIDC verifier, the rest to the other sign-ins.
    public static func matches(_ token: String) -> Bool {
        let segments = token.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        // The signature may be empty (an unsigned token), so that it is refused as one rather than as an unknown token.
        guard segments.count == 3, !segments[0].isEmpty, !segments[1].isEmpty else { return false }
        return segments.allSatisfy { $0.allSatisfy(isBase64URL) }
    }

    static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    /// `text` when it is short and plain enough to quote in an error (a key id, an algorithm), else nil.
    static func quotable(_ text: String?) -> String? {
        guard let text, !text.isEmpty, text.utf8.count <= 64,
              text.utf8.allSatisfy({ isBase64URL($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }) else { return nil }
        return text
    }

    /// Decodes one base64url segment (no padding).
    static func decode(_ segment: Substring) -> [UInt8]? {
        var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        return Data(base64Encoded: text).map(Array.init)
    }
}
