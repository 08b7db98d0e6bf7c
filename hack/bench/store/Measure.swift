/// Timing helpers: sequential loops measured with a monotonic clock.
enum Measure {
    /// Runs `body` for indexes `0..<count` one after another and returns operations per second.
    static func opsPerSecond(_ count: Int, _ body: (Int) async throws -> Void) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<count { try await body(index) }
        return Double(count) / seconds(clock.now - start)
    }

    /// The median of `rounds` runs of `measure`, each given its round number.
    static func median(rounds: Int, _ measure: (Int) async throws -> Double) async throws -> Double {
        var results: [Double] = []
        for round in 0..<rounds { results.append(try await measure(round)) }
        return results.sorted()[results.count / 2]
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The value at `fraction` (0...1) of the sorted samples, nearest rank.
    static func percentile(_ samples: [Double], _ fraction: Double) -> Double {
        let sorted = samples.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, rank))]
    }
}
