import OCPAWS
import Foundation

/// Hibernate and resume: stop or start every instance of the cluster, as Hive's AWS hibernation does.
extension InstallerDriver {
    func setPower(_ work: OperationWork, on: Bool) async throws {
        guard let install = try await state.cluster(work.uid), install.installed else {
            throw InstallerError.badRequest("no finished install is recorded for cluster \(work.uid)")
        }
        let client = try await aws.client(region: install.region)
        // The intent first: observe then reports a half-finished change as not done, and the planner repeats it.
        try await state.updateCluster(work.uid) { $0.poweredOn = on }
        try await waitUntil("every instance of \(install.name) is \(on ? "running" : "stopped")", work: work) {
            let instances = try await ClusterInventory.load(client, clusterUID: work.uid).instances.filter { $0.state != .shuttingDown }
            if on {
                if instances.allSatisfy({ $0.state == .running }) { return true }
                let stopped = instances.filter { $0.state == .stopped }.map(\.id)
                if !stopped.isEmpty {
                    _ = try await client.ec2.startInstances(stopped)
                    await self.logSink.append(operationID: work.id, text: "starting \(stopped.count) instances: \(stopped.sorted().joined(separator: ", "))\n")
                }
            } else {
                if instances.allSatisfy({ $0.state == .stopped }) { return true }
                let running = instances.filter { $0.state == .running }.map(\.id)
                if !running.isEmpty {
                    _ = try await client.ec2.stopInstances(running)
                    await self.logSink.append(operationID: work.id, text: "stopping \(running.count) instances: \(running.sorted().joined(separator: ", "))\n")
                }
            }
            return false
        }
    }

    /// Calls `check` until it returns true, then once more at once after it acted, else every poll interval,
    /// failing after the configured timeout.
    func waitUntil(_ what: String, work: OperationWork, _ check: @Sendable () async throws -> Bool) async throws {
        let deadline = now() + config.waitTimeoutSeconds
        var first = true
        while true {
            if try await check() { return }
            guard now() < deadline else { throw InstallerError.timedOut("\(what) within \(Int(config.waitTimeoutSeconds)) s") }
            try await Task.sleep(for: .milliseconds(Int64((first ? min(config.pollSeconds, 0.5) : config.pollSeconds) * 1000)))
            first = false
        }
    }
}
