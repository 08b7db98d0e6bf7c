import Foundation
@testable import OCPSync
import Testing

@Suite("Git checkout")
struct GitCheckoutTests {
    // The limit turns the old failure, a git blocked on a full pipe, into a failed test rather than a hung run.
    @Test("a git command that prints far more than a pipe holds still returns all of it", .timeLimit(.minutes(1)))
    func largeOutput() async throws {
        let root = try GitFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/origin", withIntermediateDirectories: true)
        // 3,000 tags: `ls-remote` prints about 200 KiB.
        try GitFixtures.shell("""
            git init -q -b main . && git -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m first
            commit=$(git rev-parse HEAD)
            i=0; while [ $i -lt 3000 ]; do echo "$commit refs/tags/release-$i"; i=$((i+1)); done > .git/packed-refs
            """, in: root + "/origin")
        let checkout = GitCheckout(directory: root + "/checkout", allowLocalRepos: true)
        let commit = try await checkout.fetch(repo: root + "/origin", revision: "main")
        let listed = try await checkout.git(["ls-remote", "origin"])
        #expect(listed.utf8.count > 128 * 1024)
        #expect(listed.split(separator: "\n").count == 3_002)
        #expect(listed.hasPrefix(commit))
    }
}
