import Foundation
@testable import OCPStore
import Testing

@Suite("Cluster uids")
struct ClusterUIDTests {
    @Test("uids are RFC 9562 version-7 UUIDs in lower case, carrying their millisecond")
    func shape() throws {
        let uid = ClusterUID.make(millisecondsSinceEpoch: 0x0193_0A1B_2C3D)
        let parsed = try #require(UUID(uuidString: uid))
        #expect(parsed.uuidString.lowercased() == uid)
        #expect(uid.hasPrefix("01930a1b-2c3d-7"))
        #expect(["8", "9", "a", "b"].contains(uid[uid.index(uid.startIndex, offsetBy: 19)]))
    }

    @Test("later uids sort after earlier ones, and uids of one millisecond differ")
    func ordering() {
        let earlier = (0..<100).map { _ in ClusterUID.make(millisecondsSinceEpoch: 1_800_000_000_000) }
        let later = ClusterUID.make(millisecondsSinceEpoch: 1_800_000_000_001)
        #expect(earlier.allSatisfy { $0 < later })
        #expect(Set(earlier).count == 100)
    }

    @Test("the hex form is the UUID's own, digit for digit")
    func format() {
        #expect(ClusterUID.format(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210) == "01234567-89ab-cdef-fedc-ba9876543210")
    }
}
