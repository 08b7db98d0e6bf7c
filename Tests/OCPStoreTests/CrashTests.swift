import Foundation
import OCPModel
@testable import OCPStore
import OCPTestSupport
import Testing

/// kill -9 a writer at a random moment: every write it acknowledged must be there, and the database sound.
@Suite("Crash safety", .serialized)
struct CrashTests {
    @Test("SQLite survives kill -9 of its writer")
    func sqlite() async throws {
        try await crashAndCheck(.sqlite)
    }

    @Test("PostgreSQL keeps every acknowledged write when its client is killed",
          .enabled(if: TestDatabases.postgresEnabled, TestDatabases.postgresDisabledReason))
    func postgres() async throws {
        try await crashAndCheck(.postgres)
    }

    func crashAndCheck(_ backend: TestBackend) async throws {
        let crasher = try #require(Self.crasherPath(), "ocpctl-store-crasher is not built: run swift build (hack/test.sh does)")
        let location = try await TestDatabases.freshLocation(backend)
        defer { TestDatabases.discard(location) }
        let (kind, target) = switch location {
        case let .sqlite(directory): ("sqlite", directory)
        case let .postgres(url): ("postgres", url)
        }
        var random = TestSeed("store crash test on \(kind)")
        let killAfter = Int.random(in: 20...400, using: &random)
        let acknowledged = try await Self.runAndKill(crasher, [kind, target], afterLines: killAfter)
        #expect(acknowledged.count >= killAfter, "the writer stopped before it was killed")

        try await SQLStore.withStore(at: location, now: Timestamp(secondsSinceEpoch: 0), logger: TestDatabases.logger) { store in
            let stored = try await store.listClusters(ClusterListQuery(namespace: CrashWorkload.namespace))
            let names = Set(stored.items.map(\.metadata.name))
            let missing = acknowledged.filter { !names.contains($0) }
            #expect(missing.isEmpty, "acknowledged writes lost: \(missing.prefix(10))")
            // Each acknowledged item's second write (its status) is there too.
            let statusless = stored.items.filter { acknowledged.contains($0.metadata.name) && $0.status?.phase != .pending }
            #expect(statusless.isEmpty)
            #expect(try await store.integrityCheck() == [])
            print("crash test [\(backend.rawValue)]: killed after \(acknowledged.count) acknowledged writes, \(names.count) stored, integrity ok")
        }
    }

    /// Runs the program, sends SIGKILL once it has printed `afterLines` lines, and returns the complete lines it printed.
    static func runAndKill(_ executable: URL, _ arguments: [String], afterLines: Int) async throws -> [String] {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        // Blocking reads belong on a thread of their own, not on the test's cooperative pool.
        let text = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            DispatchQueue.global().async {
                var data = Data()
                var killed = false
                while true {
                    let chunk = output.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                    if !killed, data.reduce(0, { $0 + ($1 == 10 ? 1 : 0) }) >= afterLines {
                        kill(pid, SIGKILL)
                        killed = true
                    }
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the writer was not killed: it exited with \(process.terminationStatus)")
        // A line without its newline was cut by the kill: it does not count as acknowledged.
        var lines = text.components(separatedBy: "\n")
        lines.removeLast()
        return lines
    }

    /// The crasher binary, built next to the test bundle.
    static func crasherPath() -> URL? {
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0])
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("ocpctl-store-crasher")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}
