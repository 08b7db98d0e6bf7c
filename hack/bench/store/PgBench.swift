import Foundation

/// Runs pgbench against the same server, single client like the loops above, and reads its tps.
enum PgBench {
    static func executable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init)
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).map { "/usr/lib/postgresql/\($0)/bin" }
        return directories.map { "\($0)/pgbench" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// tps of `pgbench -n -c 1 -t N MODE` after initialising its tables; nil when pgbench is missing.
    /// A transaction count rather than -T: the run is bounded by count, whatever the clock does.
    static func run(url: String) throws -> [(String, Double)]? {
        guard let pgbench = executable() else { return nil }
        _ = try output(pgbench, ["-i", "-q", "-s", "1", url])
        var results: [(String, Double)] = []
        for (label, mode, transactions) in [("simple-update (-N)", "-N", 5000), ("select-only (-S)", "-S", 20000)] {
            let text = try output(pgbench, ["-n", "-c", "1", "-j", "1", "-t", String(transactions), mode, url])
            let tps = text.split(separator: "\n").first { $0.hasPrefix("tps = ") }
                .flatMap { Double($0.dropFirst(6).split(separator: " ")[0]) } ?? 0
            results.append((label, tps))
        }
        return results
    }

    private static func output(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
