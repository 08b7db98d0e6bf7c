import Synchronization

/// What one open-loop run measured: a latency per completed request, in seconds, and the failures.
struct RunResult: Sendable {
    var latencies: [Double]
    var errors: Int
    /// What went wrong with the first failed request, if one did.
    var firstError: String?
    /// Successful requests per second, first scheduled send to last answer.
    var achievedRate: Double
}

/// An open-loop load generator: request `i` is sent at `start + i / rate` whatever happened to the ones before,
/// and its latency runs from that scheduled instant, so a slow answer cannot hide the queueing it causes
/// (no coordinated omission). A late generator counts against the server too; the achieved rate shows it.
///
/// When `maxInFlight` requests are outstanding the next one is not sent but counted as an error: past
/// saturation, queueing without bound (or timing out requests the server then works on for nobody) would
/// leave a backlog that runs on into the next case.
enum OpenLoop {
    /// Sends `rate` requests per second for `seconds`; `request(i)` returns nil for a success, else what went wrong.
    static func run(rate: Int, seconds: Double, maxInFlight: Int = 256,
                    request: @escaping @Sendable (Int) async -> String?) async -> RunResult {
        let count = max(1, Int(Double(rate) * seconds))
        let interval = Duration.seconds(1) / rate
        let clock = ContinuousClock()
        let recorder = Recorder(capacity: count)
        let start = clock.now + .milliseconds(10)
        await withDiscardingTaskGroup { group in
            for index in 0..<count {
                let scheduled = start + interval * index
                try? await clock.sleep(until: scheduled, tolerance: nil)
                guard recorder.begin(limit: maxInFlight) else {
                    recorder.record(.zero, failure: "not sent: \(maxInFlight) requests outstanding (saturated)")
                    continue
                }
                group.addTask {
                    let failure = await request(index)
                    recorder.record(clock.now - scheduled, failure: failure, sent: true)
                }
            }
        }
        let elapsed = Self.seconds(clock.now - start)
        return recorder.result(elapsed: elapsed)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Collects latencies from the request tasks.
private final class Recorder: Sendable {
    private struct Samples {
        var latencies: [Double] = []
        var errors = 0
        var firstError: String?
        var inFlight = 0
    }

    private let samples: Mutex<Samples>

    init(capacity: Int) {
        var samples = Samples()
        samples.latencies.reserveCapacity(capacity)
        self.samples = Mutex(samples)
    }

    /// Counts a request as outstanding unless `limit` already are.
    func begin(limit: Int) -> Bool {
        samples.withLock { samples in
            guard samples.inFlight < limit else { return false }
            samples.inFlight += 1
            return true
        }
    }

    /// Records a request's outcome; one that was sent is no longer outstanding.
    func record(_ latency: Duration, failure: String?, sent: Bool = false) {
        let value = OpenLoop.seconds(latency)
        samples.withLock { samples in
            if sent { samples.inFlight -= 1 }
            guard let failure else { return samples.latencies.append(value) }
            samples.errors += 1
            if samples.firstError == nil { samples.firstError = failure }
        }
    }

    func result(elapsed: Double) -> RunResult {
        samples.withLock { samples in
            RunResult(latencies: samples.latencies, errors: samples.errors, firstError: samples.firstError,
                      achievedRate: Double(samples.latencies.count) / elapsed)
        }
    }
}
