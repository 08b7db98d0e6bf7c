public import OCPCloud
import OCPModel

/// How long simulated operations take, in seconds.
public struct SimulatedCloudConfig: Sendable, Hashable {
    public var createSeconds: Double
    public var destroySeconds: Double
    public var scaleSeconds: Double
    public var hibernateSeconds: Double
    public var resumeSeconds: Double

    public init(createSeconds: Double, destroySeconds: Double, scaleSeconds: Double, hibernateSeconds: Double, resumeSeconds: Double) {
        self.createSeconds = createSeconds
        self.destroySeconds = destroySeconds
        self.scaleSeconds = scaleSeconds
        self.hibernateSeconds = hibernateSeconds
        self.resumeSeconds = resumeSeconds
    }

    /// Long enough to watch in a demo: create 20 s, destroy 10 s, scale 5 s.
    public static let demo = SimulatedCloudConfig(createSeconds: 20, destroySeconds: 10, scaleSeconds: 5, hibernateSeconds: 5, resumeSeconds: 5)
    /// Everything finishes at once, for tests and benchmarks.
    public static let instant = SimulatedCloudConfig(createSeconds: 0, destroySeconds: 0, scaleSeconds: 0, hibernateSeconds: 0, resumeSeconds: 0)

    func seconds(for type: OperationType) -> Double {
        switch type {
        case .create: createSeconds
        case .destroy: destroySeconds
        case .scaleWorkers: scaleSeconds
        case .hibernate: hibernateSeconds
        case .resume: resumeSeconds
        }
    }
}

/// The simulated account could not be opened as asked.
public struct SimulatedCloudError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
