public import ServiceLifecycle

/// Runs a singleton service only while this replica leads: started when leadership is won, cancelled when it is
/// lost, and started again if it comes back, so two replicas never run the same singleton at once for longer
/// than one renewal interval.
public struct LeaderOnly: Service {
    let election: LeaderElection
    let service: any Service
    let clock: any ControllerClock
    /// How often leadership is checked.
    let pollSeconds: Double

    /// Wraps `service`; leadership is checked every `pollSeconds`.
    public init(_ service: any Service, election: LeaderElection, clock: any ControllerClock, pollSeconds: Double = 0.5) {
        self.service = service
        self.election = election
        self.clock = clock
        self.pollSeconds = pollSeconds
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            guard election.isLeader else {
                do { try await cancelWhenGracefulShutdown { try await clock.sleep(until: clock.now() + pollSeconds) } } catch { return }
                continue
            }
            // Leading: run the service beside a watcher that ends the group when leadership goes.
            let serviceEnded = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask { try await service.run(); return true }
                group.addTask {
                    while election.isLeader { try await clock.sleep(until: clock.now() + pollSeconds) }
                    return false
                }
                let ended = try await group.next() ?? true
                group.cancelAll()
                return ended
            }
            // The service stopped on its own (a graceful shutdown): so does this wrapper.
            if serviceEnded { return }
        }
    }
}
