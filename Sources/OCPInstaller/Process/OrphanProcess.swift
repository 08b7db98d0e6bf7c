import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An installer a previous controller process started and lost (it was killed mid-install): found by the pid the
/// operation record holds, and killed with its process group so it creates nothing more.
enum OrphanProcess {
    /// Kills process group `pid` when `pid` is still an installer working in `directory`; returns whether it did.
    /// A pid the kernel has given to another program since is left alone.
    @discardableResult
    static func terminate(pid: Int32, directory: String) async -> Bool {
        guard isInstaller(pid: pid, directory: directory) else { return false }
        _ = kill(-pid, SIGKILL)
        _ = kill(pid, SIGKILL)
        for _ in 0..<50 where isAlive(pid) {
            try? await Task.sleep(for: .milliseconds(100))
        }
        return true
    }

    /// Whether `pid` runs a command line naming `directory` (how every installer run is started).
    static func isInstaller(pid: Int32, directory: String) -> Bool {
        guard pid > 1, let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return arguments.contains(directory)
    }

    /// Whether `pid` exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }
}
