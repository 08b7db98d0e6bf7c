import Foundation

/// A seeded random source for randomised tests: the seed comes from `OCPCTL_TEST_SEED` when set (to rerun a
/// failure exactly) or is drawn fresh, and is printed either way, so every failure can be replayed.
public struct TestSeed: RandomNumberGenerator, Sendable {
    /// The seed this generator started from.
    public let seed: UInt64
    private var state: UInt64

    /// A generator for the test `name`; prints `name: seed N (rerun with OCPCTL_TEST_SEED=N)`.
    public init(_ name: String) {
        self.init(name, environment: ProcessInfo.processInfo.environment)
    }

    /// A generator seeded from `environment` (or fresh), for tests of this type itself.
    public init(_ name: String, environment: [String: String]) {
        seed = environment["OCPCTL_TEST_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        state = seed
        print("\(name): seed \(seed) (rerun with OCPCTL_TEST_SEED=\(seed))")
    }

    /// SplitMix64: small, fast, and the same sequence for the same seed on every platform.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
