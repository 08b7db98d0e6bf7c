import Foundation

/// Wall-clock time in seconds since the epoch. Components take it as a function so tests can pass their own.
public enum SystemClock {
    /// Reads the system clock.
    public static let now: @Sendable () -> Double = { Date().timeIntervalSince1970 }
}
