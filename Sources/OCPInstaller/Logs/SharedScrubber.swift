import Foundation
import Synchronization

/// A scrubber shared by the lines of one installer run, which learns the secrets the installer writes into its
/// directory (the kubeadmin password, the kubeconfig's token) as soon as they exist.
final class SharedScrubber: Sendable {
    private let scrubber: Mutex<LogScrubber>
    private let learned = Mutex<Set<String>>([])
    let directory: String?

    init(_ scrubber: LogScrubber, directory: String?) {
        self.scrubber = Mutex(scrubber)
        self.directory = directory
    }

    /// `line` scrubbed, after learning any secret file that appeared since the last line.
    func scrub(_ line: String) -> String {
        learnFromDirectory()
        return scrubber.withLock { $0.scrub(line) }
    }

    /// Adds values to scrub.
    func add(_ values: [String]) {
        scrubber.withLock { $0.add(values) }
    }

    private func learnFromDirectory() {
        guard let directory else { return }
        for file in ["auth/kubeadmin-password", "auth/kubeconfig"] where !learned.withLock({ $0.contains(file) }) {
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(file)") else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if file == "auth/kubeconfig" {
                guard let config = try? Kubeconfig.parse(text) else { continue }
                add([config.token].compactMap { $0 })
            } else {
                add([text])
            }
            learned.withLock { _ = $0.insert(file) }
        }
    }
}
