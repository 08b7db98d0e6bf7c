public import OCPCloud
public import OCPModel
public import Logging
public import ServiceLifecycle
public import AsyncHTTPClient
import Foundation
import Synchronization

/// The real cloud for platform `aws`: each operation runs `openshift-install` (create, destroy) or AWS and cluster API
/// calls (hibernate, resume, scale) in the background, as Hive does, with everything it needs to survive a crash kept
/// durably in the artifact store.
///
/// `start` records the operation, then queues it; `run` (the service) works the queue, so no work outlives the
/// service group. An operation found running that this instance did not start was interrupted (the controller was
/// killed): it is reported failed, and its installer, if still alive, is killed first.
public final class InstallerDriver: CloudProvider, Service {
    let config: InstallerDriverConfig
    let artifacts: any KeyedArtifactStore
    let aws: AWSAccess
    let logSink: any OperationLogSink
    let now: @Sendable () -> Double
    let logger: Logger
    let http: HTTPClient
    let state: DriverState
    /// This instance's identity in operation records.
    let runnerID = UUID().uuidString
    let jobs: AsyncStream<Job>
    let queue: AsyncStream<Job>.Continuation
    /// Orphaned infraIDs being destroyed, so the janitor's next sweep does not queue them twice.
    let orphanDestroys = Mutex<Set<String>>([])
    /// Where each resource the last sweep listed lives, for `deleteResources`.
    let swept = Mutex<[String: CloudResource]>([:])

    /// Work for `run`.
    enum Job: Sendable {
        case operation(String)
        case orphans(infraID: String, region: String)
    }

    /// A driver over `artifacts` (which also keeps its records), with AWS access from `aws`.
    public init(config: InstallerDriverConfig, artifacts: any KeyedArtifactStore, aws: AWSAccess, logSink: any OperationLogSink,
                now: @escaping @Sendable () -> Double = SystemClock.now, logger: Logger = Logger(label: "ocpctl.installer"),
                http: HTTPClient = .shared) {
        self.config = config
        self.artifacts = artifacts
        self.aws = aws
        self.logSink = logSink
        self.now = now
        self.logger = logger
        self.http = http
        state = DriverState(store: artifacts)
        (jobs, queue) = AsyncStream.makeStream(of: Job.self)
    }

    // MARK: Service

    /// Works queued operations until the service group stops; stopping cancels them, which stops their installers.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for await job in self.jobs {
                    group.addTask { await self.execute(job) }
                }
            }
        }
    }

    // MARK: CloudProvider

    @discardableResult
    public func start(_ request: CloudOperationRequest) async throws -> CloudOperationStatus {
        if let existing = try await operation(id: request.id) { return existing }
        let startedAt = now()
        let record = OperationRecord(
            id: request.id, type: request.type, state: .running, clusterUID: request.target.clusterUID, region: request.region,
            startedAt: startedAt, completesAt: startedAt + (config.estimatedSeconds[request.type] ?? 600), runner: runnerID,
            workers: request.workers, tags: request.tags, cluster: request.cluster, profile: request.profile)
        try await state.save(record)
        queue.yield(.operation(record.id))
        logger.info("operation queued", metadata: ["operation": "\(record.id)", "type": "\(record.type.rawValue)", "cluster": "\(record.clusterUID)"])
        return record.status
    }

    public func operation(id: String) async throws -> CloudOperationStatus? {
        guard var record = try await state.operation(id) else { return nil }
        if record.state == .running, record.runner != runnerID {
            var detail = "the controller running this \(record.type.rawValue) stopped before it finished"
            if let pid = record.pid, let directory = record.workDirectory, await OrphanProcess.terminate(pid: pid, directory: directory) {
                detail += "; its installer (pid \(pid)) was killed"
            }
            record.state = .failed
            record.error = InstallerError.interrupted(detail).description
            record.completesAt = now()
            record.pid = nil
            try await state.save(record)
            logger.warning("operation interrupted", metadata: ["operation": "\(id)", "cluster": "\(record.clusterUID)"])
        }
        return record.status
    }

    public func observe(_ target: CloudTarget) async throws -> ObservedCluster? {
        // No record: this driver never started an install for the uid, so nothing in AWS carries it.
        guard let record = try await state.cluster(target.clusterUID) else { return nil }
        let inventory: ClusterInventory
        do {
            inventory = try await ClusterInventory.load(try await aws.client(region: record.region), clusterUID: target.clusterUID)
        } catch {
            throw InstallerError.aws("observing cluster \(record.name) (\(target.clusterUID)) in \(record.region): \(AWSAccess.describe(error))")
        }
        guard !inventory.isEmpty else { return nil }
        let live = inventory.instances.filter { $0.state != .shuttingDown }
        let poweredOn = record.poweredOn
            ? !live.contains { $0.state == .stopped || $0.state == .stopping }
            : live.contains { $0.state == .running || $0.state == .pending }
        return ObservedCluster(
            infraID: record.infraID ?? inventory.infraIDs.sorted().first ?? target.infraID, installed: record.installed, poweredOn: poweredOn,
            controlPlaneReady: inventory.instances(.controlPlane, in: ["running"]).count,
            workersReady: inventory.instances(.worker, in: ["running"]).count, resourceCount: inventory.count,
            apiURL: record.installed ? record.apiURL : nil, consoleURL: record.installed ? record.consoleURL : nil)
    }

    public func outputs(_ target: CloudTarget) async throws -> CloudOutputs? {
        guard let record = try await state.cluster(target.clusterUID), record.installed, let apiURL = record.apiURL,
              let consoleURL = record.consoleURL, let kubeconfigURI = record.kubeconfigURI, let passwordRef = record.passwordRef else { return nil }
        let kubeconfig = try await artifacts.get(uri: kubeconfigURI).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return CloudOutputs(apiURL: apiURL, consoleURL: consoleURL, kubeconfig: kubeconfig, kubeconfigRef: kubeconfigURI,
                            kubeadminPasswordRef: passwordRef)
    }

    /// `secretsmanager://<region>/<name>` reads the secret; a URI of this driver's artifact store reads the object.
    public func readOutput(ref: String) async throws -> String? {
        if let secret = SecretRef(ref) {
            let value = try await aws.client(region: secret.region).secretsManager.getSecretValue(secretID: secret.name)
            return value.secretString
        }
        guard artifacts.owns(uri: ref) else { return nil }
        return try await artifacts.get(uri: ref).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Running operations

    /// Runs one job to its end and records the outcome; never throws.
    func execute(_ job: Job) async {
        switch job {
        case .operation(let id):
            await executeOperation(id)
        case .orphans(let infraID, let region):
            await destroyOrphans(infraID: infraID, region: region)
        }
    }

    private func executeOperation(_ id: String) async {
        guard var record = try? await state.operation(id), record.state == .running, record.runner == runnerID else { return }
        let work = OperationWork(record: record)
        do {
            switch record.type {
            case .create: try await create(work)
            case .destroy: try await destroy(work)
            case .hibernate: try await setPower(work, on: false)
            case .resume: try await setPower(work, on: true)
            case .scaleWorkers: try await scaleWorkers(work)
            }
            record.state = .succeeded
        } catch is CancellationError {
            record.state = .failed
            record.error = InstallerError.interrupted("the controller shut down while \(record.type.rawValue) ran").description
        } catch {
            record.state = .failed
            record.error = AWSAccess.describe(error).description
            logger.warning("operation failed", metadata: ["operation": "\(id)", "type": "\(record.type.rawValue)", "error": "\(record.error ?? "")"])
        }
        record.artifacts = work.artifacts
        record.completesAt = now()
        record.pid = nil
        for attempt in 1...5 {
            do {
                try await state.save(record)
                break
            } catch {
                logger.error("cannot record the outcome of an operation", metadata: ["operation": "\(id)", "attempt": "\(attempt)", "error": "\(error)"])
                try? await Task.sleep(for: .seconds(Double(attempt)))
            }
        }
    }
}

/// What one running operation has produced so far, shared by the steps that add to it.
final class OperationWork: Sendable {
    let record: OperationRecord
    private let produced = Mutex<[CloudArtifact]>([])

    init(record: OperationRecord) {
        self.record = record
    }

    var id: String { record.id }
    var uid: String { record.clusterUID }
    var artifacts: [CloudArtifact] { produced.withLock { $0 } }

    func add(_ type: String, _ stored: StoredArtifact) {
        produced.withLock { $0.append(CloudArtifact(type: type, stored: stored)) }
    }
}

/// `secretsmanager://<region>/<secret name>`: where a kubeadmin password is kept.
struct SecretRef: Sendable, Hashable, CustomStringConvertible {
    static let scheme = "secretsmanager://"
    var region: String
    var name: String

    init(region: String, name: String) {
        self.region = region
        self.name = name
    }

    init?(_ text: String) {
        guard text.hasPrefix(Self.scheme) else { return nil }
        let rest = text.dropFirst(Self.scheme.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        region = String(rest[..<slash])
        name = String(rest[rest.index(after: slash)...])
        guard !region.isEmpty, !name.isEmpty else { return nil }
    }

    var description: String { "\(Self.scheme)\(region)/\(name)" }
}
