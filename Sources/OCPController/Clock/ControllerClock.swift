import Foundation
import Synchronization

/// Time for the controller: the wall clock (for TTLs and status) and sleeping until a wall-clock deadline.
///
/// Injected everywhere, so tests move time by hand and never sleep to wait for a timer.
public protocol ControllerClock: Sendable {
    /// Seconds since the epoch.
    func now() -> Double
    /// Returns once `now() >= deadline`; throws `CancellationError` when the task is cancelled first.
    func sleep(until deadline: Double) async throws
}

/// The system's clock.
public struct SystemControllerClock: ControllerClock {
    public init() {}

    public func now() -> Double { Date().timeIntervalSince1970 }

    public func sleep(until deadline: Double) async throws {
        let remaining = deadline - now()
        guard remaining > 0 else { return }
        try await Task.sleep(for: .seconds(min(remaining, 86_400 * 365)))
    }
}

/// A clock that moves only when told to; sleepers wake when `advance` passes their deadline.
public final class ManualControllerClock: ControllerClock {
    private struct Sleeper {
        var deadline: Double
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Double
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
    }

    private let state: Mutex<State>

    /// Starts at `start` seconds since the epoch.
    public init(start: Double = 1_795_255_200) {
        state = Mutex(State(now: start))
    }

    public func now() -> Double { state.withLock { $0.now } }

    /// Moves time forward and wakes every sleeper whose deadline has come.
    public func advance(by seconds: Double) {
        let due = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.now += seconds
            let now = state.now
            let ready = state.sleepers.filter { $0.value.deadline <= now }
            for id in ready.keys { state.sleepers[id] = nil }
            return ready.values.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    /// How many tasks are sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// When each sleeper wakes, earliest first: what a test checks to know nothing runs before its time.
    public var sleeperDeadlines: [Double] { state.withLock { $0.sleepers.values.map(\.deadline).sorted() } }

    public func sleep(until deadline: Double) async throws {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    if Task.isCancelled || state.now >= deadline { return true }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
            try Task.checkCancellation()
        } onCancel: {
            let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }
}
