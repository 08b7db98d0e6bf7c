public import OCPCloud
import Foundation
public import OCPModel

/// Faults, out-of-band changes and inspection: what `ocpctl sim` and the tests use.
extension SimulatedCloud {
    /// Makes the next create fail (in `region`, or anywhere), leaving its partial resources behind.
    public func failNextCreate(region: String? = nil) async throws {
        try await database.query("INSERT INTO faults (kind, region) VALUES ('fail-create', \(region))")
    }

    /// Makes the next destroy leave its load balancers and DNS records behind, for the janitor to find.
    public func leakOnNextDestroy() async throws {
        try await database.query("INSERT INTO faults (kind, region) VALUES ('leak-destroy', NULL)")
    }

    /// Terminates one running worker of the cluster, as a spot reclaim or a careless admin would. Returns false when it has none.
    @discardableResult
    public func terminateWorker(infraID: String) async throws -> Bool {
        try await advance()
        let at = now()
        return try await database.transaction { db in
            guard let row = try await db.query("""
                SELECT * FROM resources WHERE infra_id = \(infraID) AND kind = \(ResourceKind.workerInstance.rawValue) ORDER BY name DESC LIMIT 1
                """).first else { return false }
            let worker = Self.resource(row)
            try await db.query("DELETE FROM resources WHERE id = \(worker.id)")
            try await self.log(db, at: at, event: "worker-terminated", operation: nil, type: nil,
                               target: CloudTarget(clusterUID: worker.clusterUID ?? "", infraID: infraID), detail: worker.name)
            return true
        }
    }

    /// Deletes every resource of the cluster behind the controller's back.
    public func deleteClusterOutOfBand(infraID: String) async throws {
        try await advance()
        let at = now()
        try await database.transaction { db in
            let uid = try await db.query("SELECT cluster_uid FROM resources WHERE infra_id = \(infraID) LIMIT 1").first?.text("cluster_uid") ?? ""
            try await db.query("DELETE FROM resources WHERE infra_id = \(infraID)")
            try await db.query("DELETE FROM installs WHERE infra_id = \(infraID)")
            try await self.log(db, at: at, event: "cluster-deleted-out-of-band", operation: nil, type: nil,
                               target: CloudTarget(clusterUID: uid, infraID: infraID), detail: "")
        }
    }

    /// Stops every instance of the cluster by hand.
    public func hibernateByHand(infraID: String) async throws {
        try await advance()
        let at = now()
        try await database.transaction { db in
            try await self.setPower(db, infraID: infraID, on: false)
            try await self.log(db, at: at, event: "hibernated-by-hand", operation: nil, type: nil,
                               target: CloudTarget(clusterUID: "", infraID: infraID), detail: "")
        }
    }

    /// Every resource in the account.
    public func allResources() async throws -> [CloudResource] {
        try await database.query("SELECT * FROM resources ORDER BY infra_id, kind, name").map(Self.resource)
    }

    /// Every operation the account has run, oldest first.
    public func operations() async throws -> [SimulatedOperation] {
        try await advance()
        return try await database.query("SELECT * FROM operations ORDER BY \(raw: database.operationOrder)").map { row in
            SimulatedOperation(status: Self.status(row), clusterUID: row.text("cluster_uid"), infraID: row.text("infra_id"))
        }
    }

    /// The append-only log of operations and changes, oldest first.
    public func log() async throws -> [SimulatedLogEntry] {
        try await advance()
        return try await database.query("SELECT * FROM log ORDER BY seq").map { row in
            SimulatedLogEntry(sequence: row.int("seq"), at: row.double("at"), event: row.text("event"),
                              operationID: row.optionalText("operation_id"), type: row.optionalText("type").flatMap(OperationType.init),
                              clusterUID: row.text("cluster_uid"), infraID: row.text("infra_id"), detail: row.text("detail"))
        }
    }
}

/// One operation as the simulated account ran it.
public struct SimulatedOperation: Sendable, Hashable {
    public var status: CloudOperationStatus
    public var clusterUID: String
    public var infraID: String
}

/// One line of the simulated account's log.
public struct SimulatedLogEntry: Sendable, Hashable, Codable {
    public var sequence: Int
    public var at: Double
    /// `started`, `succeeded`, `failed`, `worker-terminated`, `cluster-deleted-out-of-band`, `hibernated-by-hand`, `resource-deleted`.
    public var event: String
    public var operationID: String?
    public var type: OperationType?
    public var clusterUID: String
    public var infraID: String
    public var detail: String
}
