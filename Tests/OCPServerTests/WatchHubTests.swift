import Foundation
import OCPModel
@testable import OCPServer
import Testing

/// The hub's back-pressure rule, on a real store: a watcher that stops reading is cut off, the others are not slowed.
@Suite("Watch hub")
struct WatchHubTests {
    @Test("a watcher more events behind than its buffer is ended as expired, after what was queued; a reading watcher gets every event")
    func slowWatcherExpires() async throws {
        try await TestServer.with { server in
            let hub = WatchHub(upstream: ClusterUpstream(store: server.store), capacity: 100, watcherBuffer: 2, logger: TestServer.logger)
            let running = Task { try await hub.run() }
            defer { running.cancel() }
            let filter = WatchFilter(namespace: "team-a")
            var subscriptions: [WatchHub<ClusterUpstream>.Subscription] = []
            let deadline = ContinuousClock.now + .seconds(10)
            while subscriptions.isEmpty, ContinuousClock.now < deadline {
                do {
                    subscriptions = [try hub.subscribe(after: try await server.store.currentRevision(), filter: filter)]
                } catch {
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            let slow = try #require(subscriptions.first)
            let reading = try hub.subscribe(after: try await server.store.currentRevision(), filter: filter)
            let reader = Task {
                var lines = 0
                for await _ in reading.events {
                    lines += 1
                    if lines == 4 { break }
                }
                return lines
            }
            for index in 0..<4 { _ = try await WatchTests.create(server, "c\(index)") }
            #expect(await reader.value == 4)
            var queued = 0
            for await _ in slow.events { queued += 1 }
            #expect(queued == 2)
            #expect(slow.expired.isSet)
            #expect(!reading.expired.isSet)
        }
    }
}
