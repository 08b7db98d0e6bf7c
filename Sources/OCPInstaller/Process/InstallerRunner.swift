import Foundation
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one `openshift-install` command to its end, handing each output line to `onLine` as it comes.
///
/// Cancelling the calling task stops the installer: SIGTERM to its process group (the installer exits 8 after
/// cleaning up), SIGKILL after `graceSeconds`.
struct InstallerRunner: Sendable {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var graceSeconds: Double = 10
    var pollInterval: Duration = .milliseconds(200)

    /// Spawns the installer, reports its pid through `started` (before any output), and returns its exit code.
    func run(started: @Sendable (Int32) async -> Void, onLine: @escaping @Sendable (String) async -> Void) async throws -> Int32 {
        let child = try ChildProcess.spawn(executable: executable, arguments: arguments, environment: environment)
        await started(child.pid)
        return try await withThrowingTaskGroup(of: Event.self) { group in
            group.addTask {
                try await Self.readLines(fd: child.output, onLine: onLine)
                return .outputClosed
            }
            group.addTask { .exited(try await waitForExit(child)) }
            var code: Int32?
            var outputClosed = false
            loop: while let event = try await group.next() {
                switch event {
                case .outputClosed:
                    outputClosed = true
                    if code != nil { break loop }
                case .exited(let exit):
                    code = exit
                    if outputClosed { break loop }
                    // Output still in the pipe arrives within a moment; something the installer left running that
                    // holds the pipe open must not hold us.
                    group.addTask {
                        try await Task.sleep(for: .seconds(2))
                        return .graceOver
                    }
                case .graceOver:
                    break loop
                }
            }
            group.cancelAll()
            return code ?? -1
        }
    }

    private enum Event: Sendable {
        case outputClosed, exited(Int32), graceOver
    }

    /// Polls for the exit; on cancellation stops the process group and still waits for it, then rethrows.
    private func waitForExit(_ child: ChildProcess) async throws -> Int32 {
        while true {
            if let code = child.exitStatus() { return code }
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                child.signalGroup(SIGTERM)
                let deadline = ContinuousClock.now + .milliseconds(Int64(graceSeconds * 1000))
                while child.exitStatus() == nil {
                    if ContinuousClock.now >= deadline {
                        child.signalGroup(SIGKILL)
                    }
                    usleep(50_000)
                }
                throw CancellationError()
            }
        }
    }

    /// Reads the pipe through NIO (no thread blocked) and splits it into lines.
    static func readLines(fd: Int32, onLine: @escaping @Sendable (String) async -> Void) async throws {
        let channel = try await NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .takingOwnershipOfDescriptor(input: fd) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, Never>(wrappingChannelSynchronously: channel)
                }
            }
        var splitter = LineSplitter()
        do {
            try await channel.executeThenClose { inbound, _ in
                for try await buffer in inbound {
                    for line in splitter.append(Array(buffer.readableBytesView)) { await onLine(line) }
                }
            }
        } catch is CancellationError {
        } catch let error as ChannelError where error == .eof || error == .ioOnClosedChannel {
        }
        if let rest = splitter.finish() { await onLine(rest) }
    }
}

/// Splits a byte stream into UTF-8 lines, keeping an incomplete last line until more bytes or the end arrive.
struct LineSplitter: Sendable {
    private var pending: [UInt8] = []

    /// Adds bytes; returns the lines they complete, without their line breaks.
    mutating func append(_ bytes: [UInt8]) -> [String] {
        pending += bytes
        var lines: [String] = []
        var start = 0
        for index in pending.indices where pending[index] == UInt8(ascii: "\n") {
            var end = index
            if end > start, pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(String(decoding: pending[start..<end], as: UTF8.self))
            start = index + 1
        }
        pending.removeFirst(start)
        return lines
    }

    /// The last line when the stream ended without a line break.
    mutating func finish() -> String? {
        defer { pending = [] }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}
