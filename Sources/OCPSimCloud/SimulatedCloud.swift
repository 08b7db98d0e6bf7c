public import OCPCloud
public import OCPModel
import Foundation
import OCPStore

/// The embedded cloud: a persistent model of a cloud account, in its own SQLite file or in a schema of the control
/// plane's PostgreSQL database (architecture.md §4).
///
/// Operations take configurable time, measured by an injected clock; their effects land when they are due,
/// at the next call of any kind. Faults and out-of-band changes can be injected, everything survives a
/// restart, and every operation and change is appended to a log that tests read.
public final class SimulatedCloud: CloudProvider {
    /// The account's file name inside the data directory.
    public static let fileName = "cloud.db"

    let database: SimDatabase
    let config: SimulatedCloudConfig
    let now: @Sendable () -> Double

    init(database: SimDatabase, config: SimulatedCloudConfig, now: @escaping @Sendable () -> Double) {
        self.database = database
        self.config = config
        self.now = now
    }

    /// Opens (creating if needed) the account in `directory`; `now` gives seconds since the epoch.
    public static func open(
        directory: String, config: SimulatedCloudConfig,
        now: @escaping @Sendable () -> Double = SystemClock.now
    ) async throws -> SimulatedCloud {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = try await SimDatabase.open(path: (directory as NSString).appendingPathComponent(fileName))
        return SimulatedCloud(database: database, config: config, now: now)
    }

    /// The account a control plane keeps: in the PostgreSQL database at `postgres` when it has one, so its replicas
    /// share it, else in `dataDir`, beside the SQLite store.
    public static func open(
        dataDir: String, postgres: String?, config: SimulatedCloudConfig, now: @escaping @Sendable () -> Double = SystemClock.now
    ) async throws -> SimulatedCloud {
        if let postgres { return try await open(postgres: postgres, config: config, now: now) }
        return try await open(directory: dataDir, config: config, now: now)
    }

    /// The schema the account lives in when it shares the control plane's PostgreSQL database.
    public static let postgresSchema = "ocpctl_simcloud"

    /// Opens (creating if needed) the account in `schema` of the PostgreSQL database at `url`, so every replica on
    /// that database shares one account; `now` gives seconds since the epoch.
    public static func open(
        postgres url: String, schema: String = postgresSchema, config: SimulatedCloudConfig,
        now: @escaping @Sendable () -> Double = SystemClock.now
    ) async throws -> SimulatedCloud {
        guard !schema.isEmpty, schema.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else {
            throw SimulatedCloudError(message: "schema \"\(schema)\": use lower-case letters, digits and _")
        }
        let database = try await SimDatabase.open(postgres: try PostgresURL.configuration(url), schema: schema)
        return SimulatedCloud(database: database, config: config, now: now)
    }

    /// Closes the account file or connections.
    public func close() async throws {
        try await database.close()
    }

    // MARK: CloudProvider

    public func observe(_ target: CloudTarget) async throws -> ObservedCluster? {
        try await advance()
        let resources = try await database.query("SELECT * FROM resources WHERE infra_id = \(target.infraID)")
            .map(Self.resource)
        let install = try await database.query("SELECT * FROM installs WHERE infra_id = \(target.infraID)").first
        guard install != nil || resources.contains(where: { $0.kind.isInstance }) else { return nil }
        let installed = install?.int("installed") == 1
        let poweredOn = (install?.int("powered_on") ?? 1) == 1
        func running(_ kind: ResourceKind) -> Int { resources.filter { $0.kind == kind && $0.state == "running" }.count }
        let name = install?.text("name") ?? ""
        let domain = install?.text("base_domain") ?? ""
        return ObservedCluster(
            infraID: target.infraID, installed: installed, poweredOn: poweredOn,
            controlPlaneReady: running(.controlPlaneInstance), workersReady: running(.workerInstance),
            resourceCount: resources.count,
            apiURL: installed ? "https://api.\(name).\(domain):6443" : nil,
            consoleURL: installed ? "https://console-openshift-console.apps.\(name).\(domain)" : nil)
    }

    @discardableResult
    public func start(_ request: CloudOperationRequest) async throws -> CloudOperationStatus {
        let at = now()
        return try await database.transaction { db in
            try await self.completeDue(db, at: at)
            if let existing = try await db.query("SELECT * FROM operations WHERE id = \(request.id)").first {
                return Self.status(existing)
            }
            let completesAt = at + self.config.seconds(for: request.type)
            let encoded = String(decoding: try JSONEncoder().encode(StoredRequest(request)), as: UTF8.self)
            try await db.query("""
                INSERT INTO operations (id, type, state, cluster_uid, infra_id, request, started_at, completes_at)
                VALUES (\(request.id), \(request.type.rawValue), 'Running', \(request.target.clusterUID), \(request.target.infraID),
                        \(encoded), \(at), \(completesAt))
                """)
            try await self.log(db, at: at, event: "started", operation: request.id, type: request.type, target: request.target,
                               detail: "\(request.type.rawValue) workers=\(request.workers)")
            if request.type == .create {
                try await self.beginCreate(db, request, at: at)
            }
            try await self.completeDue(db, at: at)
            let row = try await db.query("SELECT * FROM operations WHERE id = \(request.id)").first
            return Self.status(row!)
        }
    }

    public func operation(id: String) async throws -> CloudOperationStatus? {
        try await advance()
        return try await database.query("SELECT * FROM operations WHERE id = \(id)").first.map(Self.status)
    }

    public func resources(taggedWith key: String, value: String?) async throws -> [CloudResource] {
        try await advance()
        return try await allResources().filter { resource in
            guard let found = resource.tags[key] else { return false }
            return value == nil || found == value
        }
    }

    public func deleteResources(ids: [String]) async throws {
        let at = now()
        try await database.transaction { db in
            for id in ids {
                guard let row = try await db.query("SELECT * FROM resources WHERE id = \(id)").first else { continue }
                let resource = Self.resource(row)
                try await db.query("DELETE FROM resources WHERE id = \(id)")
                try await self.log(db, at: at, event: "resource-deleted", operation: nil, type: nil,
                                   target: CloudTarget(clusterUID: resource.clusterUID ?? "", infraID: resource.infraID),
                                   detail: "\(resource.kind.rawValue) \(resource.name)")
            }
        }
    }

    /// `sim://secrets/<infraID>/kubeconfig` and `.../kubeadmin-password`; the password is a fixed, obviously fake one.
    public func readOutput(ref: String) async throws -> String? {
        let prefix = "sim://secrets/"
        guard ref.hasPrefix(prefix) else { return nil }
        let parts = ref.dropFirst(prefix.count).split(separator: "/").map(String.init)
        guard parts.count == 2 else { return nil }
        let resource = try await database.query("SELECT * FROM resources WHERE infra_id = \(parts[0]) LIMIT 1").first.map(Self.resource)
        guard let resource, let outputs = try await outputs(CloudTarget(clusterUID: resource.clusterUID ?? "", infraID: parts[0])) else { return nil }
        switch parts[1] {
        case "kubeconfig": return outputs.kubeconfig
        case "kubeadmin-password": return "SIMULATED-\(parts[0])"
        default: return nil
        }
    }

    public func outputs(_ target: CloudTarget) async throws -> CloudOutputs? {
        guard let observed = try await observe(target), observed.installed,
              let apiURL = observed.apiURL, let consoleURL = observed.consoleURL else { return nil }
        let kubeconfig = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(target.infraID)
              cluster:
                server: \(apiURL)
            contexts:
            - name: admin
              context: {cluster: \(target.infraID), user: admin}
            current-context: admin
            users:
            - name: admin
              user: {client-certificate-data: SIMULATED, client-key-data: SIMULATED}

            """
        return CloudOutputs(apiURL: apiURL, consoleURL: consoleURL, kubeconfig: kubeconfig,
                            kubeconfigRef: "sim://secrets/\(target.infraID)/kubeconfig",
                            kubeadminPasswordRef: "sim://secrets/\(target.infraID)/kubeadmin-password")
    }

    // MARK: Progress

    /// Applies every operation that is due. Reads first, so the common case takes no write lock.
    func advance() async throws {
        let at = now()
        let due = try await database.query("SELECT 1 FROM operations WHERE state = 'Running' AND completes_at <= \(at) LIMIT 1")
        guard !due.isEmpty else { return }
        try await database.transaction { try await self.completeDue($0, at: at) }
    }

    private func completeDue(_ db: SimDatabase.Transaction, at: Double) async throws {
        let due = try await db.query("SELECT * FROM operations WHERE state = 'Running' AND completes_at <= \(at) ORDER BY completes_at, id")
        for row in due {
            let request = try JSONDecoder().decode(StoredRequest.self, from: Data(row.text("request").utf8)).request
            let error = try await complete(db, request, at: row.double("completes_at"))
            let state = error == nil ? OperationState.succeeded.rawValue : OperationState.failed.rawValue
            try await db.query("UPDATE operations SET state = \(state), error = \(error) WHERE id = \(request.id)")
            try await log(db, at: row.double("completes_at"), event: error == nil ? "succeeded" : "failed", operation: request.id,
                          type: request.type, target: request.target, detail: error ?? "")
        }
    }
}

/// The request as stored with its operation, so its effects can be applied later, by any process.
struct StoredRequest: Codable {
    var id, type, clusterUID, infraID, name, baseDomain, region: String
    var controlPlaneReplicas, workers: Int
    var tags: [String: String]

    init(_ request: CloudOperationRequest) {
        id = request.id
        type = request.type.rawValue
        clusterUID = request.target.clusterUID
        infraID = request.target.infraID
        name = request.name
        baseDomain = request.baseDomain
        region = request.region
        controlPlaneReplicas = request.controlPlaneReplicas
        workers = request.workers
        tags = request.tags
    }

    var request: CloudOperationRequest {
        CloudOperationRequest(
            id: id, type: OperationType(rawValue: type) ?? .create, target: CloudTarget(clusterUID: clusterUID, infraID: infraID),
            name: name, baseDomain: baseDomain, region: region, controlPlaneReplicas: controlPlaneReplicas, workers: workers, tags: tags)
    }
}
