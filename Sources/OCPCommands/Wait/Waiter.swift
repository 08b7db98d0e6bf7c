import ArgumentParser
import Foundation
import OCPClient
import OCPModel

/// Watches a cluster until a condition holds or it is gone, showing progress when stderr is a terminal.
struct Waiter {
    let client: OCPClient
    let namespace: String
    let name: String
    let timeout: Double
    var interval: Duration = .milliseconds(500)

    /// Until condition `type` has `status` and has observed the cluster's current generation.
    func until(condition type: String, status: ConditionStatus) async throws {
        try await poll { cluster in
            guard let cluster else {
                throw ClientError.status(StatusDocument(code: 404, reason: .notFound, message: "clusters.ocpctl.io \"\(name)\" not found"))
            }
            return Self.holds(cluster, type: type, status: status)
        }
    }

    /// Until the cluster no longer exists.
    func untilDeleted() async throws {
        try await poll { cluster in cluster == nil }
    }

    /// True when the condition is as asked for the generation the spec is at: an old Ready does not count after an edit.
    static func holds(_ cluster: Cluster, type: String, status: ConditionStatus) -> Bool {
        guard let condition = cluster.status?.conditions.condition(type), condition.status == status else { return false }
        let generation = cluster.metadata.generation ?? 1
        let observed = condition.observedGeneration ?? cluster.status?.observedGeneration ?? 0
        return observed >= generation
    }

    /// Reads the cluster, then follows its watch until `done`: a change reaches the CLI as it is written, and
    /// many waiting CLIs cost the server one change stream. A watch the server ends (its timeout, a restart, 410)
    /// is taken up again from a fresh read.
    private func poll(_ done: (Cluster?) throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        let terminal = isatty(STDERR_FILENO) == 1
        var lastProgress = ""
        func finished(_ cluster: Cluster?) throws -> Bool {
            if try done(cluster) {
                if terminal && !lastProgress.isEmpty { StandardError.print("") }
                return true
            }
            if terminal, let cluster {
                let progress = Self.progress(cluster)
                if progress != lastProgress {
                    FileHandle.standardError.write(Data("\r\u{1B}[K\(name): \(progress)".utf8))
                    lastProgress = progress
                }
            }
            return false
        }
        while ContinuousClock.now < deadline {
            let cluster: Cluster?
            do {
                cluster = try await client.getCluster(namespace: namespace, name: name)
            } catch let error as ClientError where error.code == 404 {
                cluster = nil
            }
            if try finished(cluster) { return }
            guard let version = cluster?.metadata.resourceVersion else { continue }
            let remaining = deadline - ContinuousClock.now
            let seconds = max(1, Int(remaining.components.seconds) + (remaining.components.attoseconds > 0 ? 1 : 0))
            do {
                for try await event in client.watchClusters(namespace: namespace, name: name, resourceVersion: version, timeoutSeconds: seconds) {
                    switch event {
                    case .added(let cluster), .modified(let cluster):
                        if try finished(cluster) { return }
                    case .deleted:
                        if try finished(nil) { return }
                    case .bookmark, .error:
                        break
                    }
                }
            } catch let error as ClientError where error.code == 410 {
                continue
            }
            // A watch can end early when the server restarts: wait a little rather than spin.
            if ContinuousClock.now < deadline { try await Task.sleep(for: interval) }
        }
        if terminal { StandardError.print("") }
        StandardError.print("error: timed out waiting for the condition on clusters/\(name)")
        throw ExitCode(1)
    }

    private static func progress(_ cluster: Cluster) -> String {
        let phase = cluster.status?.phase?.rawValue ?? "Pending"
        let progressing = cluster.status?.conditions.condition("Progressing")
        return [phase, progressing?.message].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " - ")
    }
}
