import Foundation
@testable import OCPInstaller
import Testing

/// The scrubber: secrets never reach a log, an error or the store.
@Suite("Log scrubber")
struct LogScrubberTests {
    static let auth = Data("alice:s3cr3t-registry-password".utf8).base64EncodedString()
    static let pullSecret = #"{"auths":{"quay.io":{"auth":"\#(auth)","email":"a@example.com"},"registry.example.com":{"auth":"c29tZW9uZTpvdGhlcg==","identitytoken":"tok-1234567890"}}}"#

    @Test("every credential of the pull secret is redacted, as the whole document and one by one")
    func pullSecret() {
        let scrubber = LogScrubber(secrets: LogScrubber.pullSecretValues(Self.pullSecret))
        let line = "level=debug msg=pull secret \(Self.pullSecret) auth=\(Self.auth) token tok-1234567890 pw s3cr3t-registry-password"
        let scrubbed = scrubber.scrub(line)
        #expect(!scrubbed.contains(Self.auth))
        #expect(!scrubbed.contains("tok-1234567890"))
        #expect(!scrubbed.contains("s3cr3t-registry-password"))
        #expect(!scrubbed.contains("c29tZW9uZTpvdGhlcg=="))
        #expect(scrubbed.hasPrefix("level=debug msg=pull secret <redacted>"))
    }

    @Test("the kubeadmin password is redacted as a known value and by the shape the installer prints it in")
    func password() {
        let terminal = #"level=info msg=Login to the console with user: "kubeadmin", and password: "AbCde-fGhIj-kLmNo-pQrSt""#
        let file = #"time="2026-01-02T15:04:05Z" level=info msg="Login to the console with user: \"kubeadmin\", and password: \"AbCde-fGhIj-kLmNo-pQrSt\"""#
        for scrubber in [LogScrubber(), LogScrubber(secrets: ["AbCde-fGhIj-kLmNo-pQrSt"])] {
            #expect(scrubber.scrub(terminal) == #"level=info msg=Login to the console with user: "kubeadmin", and password: "<redacted>""#)
            let scrubbedFile = scrubber.scrub(file)
            #expect(!scrubbedFile.contains("AbCde-fGhIj"), "\(scrubbedFile)")
            #expect(scrubbedFile.contains(#"password: \"<redacted>\""#), "\(scrubbedFile)")
        }
        #expect(LogScrubber(secrets: ["AbCde-fGhIj-kLmNo-pQrSt"]).scrub("echo AbCde-fGhIj-kLmNo-pQrSt") == "echo <redacted>")
    }

    @Test("bearer and sha256~ tokens are redacted; ordinary lines are left alone")
    func tokensAndPlainText() {
        let scrubber = LogScrubber()
        #expect(scrubber.scrub("Authorization: Bearer sha256~abcDEF_123-x") == "Authorization: Bearer <redacted>")
        #expect(scrubber.scrub("token sha256~abcDEF_123-x used") == "token sha256~<redacted> used")
        let plain = "level=info msg=Creating infrastructure resources..."
        #expect(scrubber.scrub(plain) == plain)
    }

    @Test("short values are not secrets: they would mangle ordinary text")
    func shortValues() {
        let scrubber = LogScrubber(secrets: ["", "info", "  "])
        #expect(scrubber.secrets.isEmpty)
        #expect(scrubber.scrub("level=info msg=x") == "level=info msg=x")
    }

    @Test("a secret containing another is replaced whole")
    func longestFirst() {
        let scrubber = LogScrubber(secrets: ["abcdef", "abcdefghijkl"])
        #expect(scrubber.scrub("x abcdefghijkl y abcdef") == "x <redacted> y <redacted>")
    }
}
