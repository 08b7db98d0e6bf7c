import Testing

/// Calls `body` every `interval` until it returns a value, failing after `timeout`: for state another process
/// changes, which no clock of ours can be advanced to. `what` is read only on failure, so it may report the
/// last value seen.
func poll<T>(_ what: @autoclosure () -> String, timeout: Duration = .seconds(60), interval: Duration = .milliseconds(100),
             _ body: () async throws -> T?) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if let value = try await body() { return value }
        try await Task.sleep(for: interval)
    }
    Issue.record("timed out waiting until \(what())")
    throw CancellationError()
}

/// Polls `condition` until it holds; an error thrown by it counts as "not yet".
func eventually(_ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
    try await poll(what, timeout: timeout) { (try? await condition()) == true ? () : nil }
}
