public import OCPCloud
import Foundation
import OCPModel

/// What each operation does to the account.
extension SimulatedCloud {
    /// Create lays down the network and the bootstrap node at once; the nodes come when the install finishes.
    func beginCreate(_ db: SimDatabase.Transaction, _ request: CloudOperationRequest, at: Double) async throws {
        let target = request.target
        try await db.query("""
            INSERT INTO installs (infra_id, cluster_uid, name, base_domain, region, installed, powered_on)
            VALUES (\(target.infraID), \(target.clusterUID), \(request.name), \(request.baseDomain), \(request.region), 0, 1)
            ON CONFLICT (infra_id) DO UPDATE SET cluster_uid = excluded.cluster_uid, name = excluded.name, base_domain = excluded.base_domain,
                region = excluded.region, installed = 0, powered_on = 1
            """)
        let domain = "\(request.name).\(request.baseDomain)"
        var resources: [(ResourceKind, String)] = [
            (.vpc, "\(target.infraID)-vpc"),
            (.subnet, "\(target.infraID)-subnet-private"), (.subnet, "\(target.infraID)-subnet-public"),
            (.loadBalancer, "\(target.infraID)-int"), (.loadBalancer, "\(target.infraID)-ext"),
            (.dnsRecord, "api.\(domain)"), (.dnsRecord, "*.apps.\(domain)"),
        ]
        resources.append((.bootstrapInstance, "\(target.infraID)-bootstrap"))
        for (kind, name) in resources {
            try await insertResource(db, kind: kind, name: name, request: request, state: kind.isInstance ? "running" : "available", at: at)
        }
    }

    /// Applies a finished operation; returns the error when it failed.
    func complete(_ db: SimDatabase.Transaction, _ request: CloudOperationRequest, at: Double) async throws -> String? {
        let infraID = request.target.infraID
        switch request.type {
        case .create:
            if try await consumeFault(db, kind: "fail-create", region: request.region) {
                return "simulated install failure: bootstrap did not complete (injected fault)"
            }
            try await db.query("DELETE FROM resources WHERE infra_id = \(infraID) AND kind = \(ResourceKind.bootstrapInstance.rawValue)")
            for index in 0..<request.controlPlaneReplicas {
                try await insertResource(db, kind: .controlPlaneInstance, name: "\(infraID)-master-\(index)", request: request, state: "running", at: at)
            }
            try await setWorkers(db, request, count: request.workers, at: at)
            try await db.query("UPDATE installs SET installed = 1, powered_on = 1 WHERE infra_id = \(infraID)")
        case .scaleWorkers:
            try await setWorkers(db, request, count: request.workers, at: at)
        case .hibernate:
            try await setPower(db, infraID: infraID, on: false)
        case .resume:
            try await setPower(db, infraID: infraID, on: true)
        case .destroy:
            if try await consumeFault(db, kind: "leak-destroy", region: nil) {
                // The installer's destroy "succeeds" but misses the load balancers and DNS records, as it can in real life.
                try await db.query("""
                    DELETE FROM resources WHERE infra_id = \(infraID)
                    AND kind NOT IN (\(ResourceKind.loadBalancer.rawValue), \(ResourceKind.dnsRecord.rawValue))
                    """)
            } else {
                try await db.query("DELETE FROM resources WHERE infra_id = \(infraID)")
            }
            try await db.query("DELETE FROM installs WHERE infra_id = \(infraID)")
        }
        return nil
    }

    /// Stops or starts every instance of the cluster.
    func setPower(_ db: SimDatabase.Transaction, infraID: String, on: Bool) async throws {
        try await db.query("""
            UPDATE resources SET state = \(on ? "running" : "stopped") WHERE infra_id = \(infraID)
            AND kind IN (\(ResourceKind.controlPlaneInstance.rawValue), \(ResourceKind.workerInstance.rawValue))
            """)
        try await db.query("UPDATE installs SET powered_on = \(on ? 1 : 0) WHERE infra_id = \(infraID)")
    }

    /// Adds or removes worker instances until `count` exist.
    private func setWorkers(_ db: SimDatabase.Transaction, _ request: CloudOperationRequest, count: Int, at: Double) async throws {
        let infraID = request.target.infraID
        let workers = try await db.query("""
            SELECT id, name FROM resources WHERE infra_id = \(infraID) AND kind = \(ResourceKind.workerInstance.rawValue) ORDER BY name
            """).map { $0.text("name") }
        if workers.count > count {
            for name in workers.suffix(workers.count - count) {
                try await db.query("DELETE FROM resources WHERE infra_id = \(infraID) AND name = \(name)")
            }
        } else {
            var index = 0
            var existing = Set(workers)
            while existing.count < count {
                let name = "\(infraID)-worker-\(index)"
                if !existing.contains(name) {
                    try await insertResource(db, kind: .workerInstance, name: name, request: request, state: "running", at: at)
                    existing.insert(name)
                }
                index += 1
            }
        }
    }

    private func insertResource(_ db: SimDatabase.Transaction, kind: ResourceKind, name: String, request: CloudOperationRequest, state: String, at: Double) async throws {
        var tags = request.tags
        tags[CloudTags.ownership(request.target.infraID)] = CloudTags.owned
        tags[CloudTags.clusterUID] = request.target.clusterUID
        let encoded = String(decoding: try ResourceEncoding.jsonData(tags), as: UTF8.self)
        try await db.query("""
            INSERT INTO resources (id, infra_id, cluster_uid, kind, name, state, region, tags, created_at)
            VALUES (\("\(kind.rawValue.lowercased())/\(name)"), \(request.target.infraID), \(request.target.clusterUID), \(kind.rawValue),
                    \(name), \(state), \(request.region), \(encoded), \(at))
            ON CONFLICT (id) DO NOTHING
            """)
    }

    /// Removes one matching fault and reports whether there was one.
    func consumeFault(_ db: SimDatabase.Transaction, kind: String, region: String?) async throws -> Bool {
        let rows = try await db.query("SELECT id FROM faults WHERE kind = \(kind) AND (region IS NULL OR region = \(region)) ORDER BY id LIMIT 1")
        guard let id = rows.first?.value("id") else { return false }
        try await db.query("DELETE FROM faults WHERE id = \(id)")
        return true
    }

    func log(_ db: SimDatabase.Transaction, at: Double, event: String, operation: String?, type: OperationType?, target: CloudTarget, detail: String) async throws {
        try await db.query("""
            INSERT INTO log (at, event, operation_id, type, cluster_uid, infra_id, detail)
            VALUES (\(at), \(event), \(operation), \(type?.rawValue), \(target.clusterUID), \(target.infraID), \(detail))
            """)
    }

    static func resource(_ row: SimRow) -> CloudResource {
        let tags = (try? JSONDecoder().decode([String: String].self, from: Data(row.text("tags").utf8))) ?? [:]
        return CloudResource(id: row.text("id"), kind: ResourceKind(rawValue: row.text("kind")) ?? .vpc, name: row.text("name"),
                             infraID: row.text("infra_id"), state: row.text("state"), tags: tags)
    }

    static func status(_ row: SimRow) -> CloudOperationStatus {
        CloudOperationStatus(id: row.text("id"), type: OperationType(rawValue: row.text("type")) ?? .create,
                             state: OperationState(rawValue: row.text("state")) ?? .running,
                             startedAt: row.double("started_at"), completesAt: row.double("completes_at"), error: row.optionalText("error"))
    }
}
