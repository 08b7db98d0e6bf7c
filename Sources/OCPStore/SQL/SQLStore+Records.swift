import Foundation
public import OCPModel

extension SQLStore {
    public func putClusterOutputs(_ outputs: ClusterOutputs, now: Timestamp) async throws -> ClusterOutputs {
        var statement = Statement(dialect)
        let values = [statement.bind(outputs.clusterUID), statement.bind(outputs.apiURL), statement.bind(outputs.consoleURL),
                      statement.bind(outputs.kubeconfigRef), statement.bind(outputs.kubeadminPasswordRef),
                      statement.bind(now.secondsSinceEpoch)]
        statement.append("""
            INSERT INTO cluster_outputs (cluster_uid, api_url, console_url, kubeconfig_ref, kubeadmin_password_ref, updated_at)
            VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT (cluster_uid) DO UPDATE SET api_url = excluded.api_url, console_url = excluded.console_url,
                kubeconfig_ref = excluded.kubeconfig_ref, kubeadmin_password_ref = excluded.kubeadmin_password_ref,
                updated_at = excluded.updated_at
            """)
        try await clusterMustExist(outputs.clusterUID) {
            _ = try await failing("store outputs of cluster \(outputs.clusterUID)") { try await db.execute(statement) }
        }
        var stored = outputs
        stored.updatedAt = now
        return stored
    }

    public func getClusterOutputs(clusterUID: String) async throws -> ClusterOutputs? {
        var statement = Statement(dialect)
        statement.append("""
            SELECT cluster_uid, api_url, console_url, kubeconfig_ref, kubeadmin_password_ref, updated_at FROM cluster_outputs
            WHERE cluster_uid = \(statement.bind(clusterUID))
            """)
        let rows = try await failing("read outputs of cluster \(clusterUID)") { try await db.read(statement) }
        return try rows.first.map { row in
            ClusterOutputs(clusterUID: try row.text(0), apiURL: try row.optionalText(1), consoleURL: try row.optionalText(2),
                           kubeconfigRef: try row.optionalText(3), kubeadminPasswordRef: try row.optionalText(4),
                           updatedAt: Timestamp(secondsSinceEpoch: try row.int(5)))
        }
    }

    public func addClusterArtifact(_ artifact: ClusterArtifact, now: Timestamp) async throws -> ClusterArtifact {
        var stored = artifact
        stored.id = UUID().uuidString.lowercased()
        stored.createdAt = now
        var statement = Statement(dialect)
        let values = [statement.bind(stored.id), statement.bind(artifact.clusterUID), statement.bind(artifact.type),
                      statement.bind(artifact.uri), statement.bind(artifact.checksum), statement.bind(now.secondsSinceEpoch),
                      statement.bind(artifact.size.map(Int64.init))]
        statement.append("""
            INSERT INTO cluster_artifacts (id, cluster_uid, type, uri, checksum, created_at, size_bytes) VALUES (\(values.joined(separator: ", ")))
            """)
        try await clusterMustExist(artifact.clusterUID) {
            _ = try await failing("store artifact of cluster \(artifact.clusterUID)") { try await db.execute(statement) }
        }
        return stored
    }

    public func listClusterArtifacts(clusterUID: String) async throws -> [ClusterArtifact] {
        var statement = Statement(dialect)
        statement.append("SELECT id, cluster_uid, type, uri, checksum, created_at, size_bytes FROM cluster_artifacts")
        statement.append(" WHERE cluster_uid = \(statement.bind(clusterUID)) ORDER BY created_at, id")
        let rows = try await failing("list artifacts of cluster \(clusterUID)") { try await db.read(statement) }
        return try rows.map { row in
            var artifact = ClusterArtifact(clusterUID: try row.text(1), type: try row.text(2), uri: try row.text(3),
                                           checksum: try row.optionalText(4))
            artifact.id = try row.text(0)
            artifact.createdAt = Timestamp(secondsSinceEpoch: try row.int(5))
            artifact.size = try row.optionalInt(6).map(Int.init)
            return artifact
        }
    }

    public func recordUsage(_ sample: UsageSample) async throws {
        var statement = Statement(dialect)
        let values = [statement.bind(sample.clusterUID), statement.bind(sample.time.secondsSinceEpoch), statement.bind(sample.namespace),
                      statement.bind(.real(sample.estimatedHourlyCost)), statement.bind(sample.powerState.rawValue),
                      statement.bind(sample.clusterName), statement.bind(sample.profile), statement.bind(sample.platform),
                      statement.bind(sample.owner), statement.bind(sample.costCenter),
                      statement.bind(Int64(sample.controlPlaneNodes)), statement.bind(Int64(sample.workerNodes))]
        statement.append("""
            INSERT INTO usage_samples (\(Self.usageColumns))
            VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT (cluster_uid, time) DO UPDATE SET namespace = excluded.namespace,
                estimated_hourly_cost = excluded.estimated_hourly_cost, power_state = excluded.power_state,
                cluster_name = excluded.cluster_name, profile = excluded.profile, platform = excluded.platform, owner = excluded.owner,
                cost_center = excluded.cost_center, control_plane_nodes = excluded.control_plane_nodes, worker_nodes = excluded.worker_nodes
            """)
        try await clusterMustExist(sample.clusterUID) {
            _ = try await failing("record usage of cluster \(sample.clusterUID)") { try await db.execute(statement) }
        }
    }

    static let usageColumns = """
        cluster_uid, time, namespace, estimated_hourly_cost, power_state, cluster_name, profile, platform, owner, cost_center, \
        control_plane_nodes, worker_nodes
        """

    public func listUsage(clusterUID: String?, namespace: String?, from: Timestamp, to: Timestamp) async throws -> [UsageSample] {
        var statement = Statement(dialect, "SELECT \(Self.usageColumns) FROM usage_samples")
        statement.append(" WHERE time >= \(statement.bind(from.secondsSinceEpoch)) AND time < \(statement.bind(to.secondsSinceEpoch))")
        if let clusterUID { statement.append(" AND cluster_uid = \(statement.bind(clusterUID))") }
        if let namespace { statement.append(" AND namespace = \(statement.bind(namespace))") }
        statement.append(" ORDER BY time, cluster_uid")
        let rows = try await failing("list usage") { try await db.read(statement) }
        return try rows.map { row in
            UsageSample(clusterUID: try row.text(0), namespace: try row.text(2), time: Timestamp(secondsSinceEpoch: try row.int(1)),
                        estimatedHourlyCost: try row.double(3), powerState: PowerState(rawValue: try row.text(4)),
                        clusterName: try row.text(5), profile: try row.text(6), platform: try row.text(7), owner: try row.text(8),
                        costCenter: try row.text(9), controlPlaneNodes: Int(try row.int(10)), workerNodes: Int(try row.int(11)))
        }
    }

    public func putRBACMapping(_ mapping: RBACMapping) async throws {
        var statement = Statement(dialect)
        let values = [statement.bind(mapping.principal), statement.bind(mapping.team), statement.bind(mapping.role),
                      statement.bind(.bool(mapping.enabled))]
        statement.append("""
            INSERT INTO rbac_mappings (principal, team, role, enabled) VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT (principal, team) DO UPDATE SET role = excluded.role, enabled = excluded.enabled
            """)
        _ = try await failing("store RBAC mapping for \(mapping.principal)") { try await db.execute(statement) }
    }

    public func listRBACMappings(principal: String?) async throws -> [RBACMapping] {
        var statement = Statement(dialect, "SELECT principal, team, role, enabled FROM rbac_mappings")
        if let principal { statement.append(" WHERE principal = \(statement.bind(principal))") }
        statement.append(" ORDER BY principal, team")
        let rows = try await failing("list RBAC mappings") { try await db.read(statement) }
        return try rows.map { row in
            RBACMapping(principal: try row.text(0), team: try row.text(1), role: try row.text(2), enabled: try row.bool(3))
        }
    }

    public func deleteRBACMapping(principal: String, team: String) async throws {
        var statement = Statement(dialect)
        statement.append("DELETE FROM rbac_mappings WHERE principal = \(statement.bind(principal)) AND team = \(statement.bind(team))")
        statement.append(" RETURNING principal")
        let rows = try await failing("delete RBAC mapping for \(principal)") { try await db.execute(statement) }
        if rows.isEmpty { throw StoreError.notFound(kind: "RBACMapping", name: "\(principal)/\(team)") }
    }

    public func putControllerStatus(_ status: ControllerStatus) async throws {
        var statement = Statement(dialect)
        let values = [statement.bind(status.controller), statement.bind(status.replica), statement.bind(status.heartbeatAt.secondsSinceEpoch),
                      statement.bind(status.observedRevision), statement.bind(status.message)]
        statement.append("""
            INSERT INTO controller_heartbeats (controller, replica, heartbeat_at, observed_revision, message)
            VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT (controller, replica) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,
                observed_revision = excluded.observed_revision, message = excluded.message
            """)
        _ = try await failing("store status of controller \(status.controller)") { try await db.execute(statement) }
    }

    public func listControllerStatus() async throws -> [ControllerStatus] {
        let sql = "SELECT controller, replica, heartbeat_at, observed_revision, message FROM controller_heartbeats ORDER BY controller, replica"
        let rows = try await failing("list controller status") { try await db.read(sql, []) }
        return try rows.map { row in
            ControllerStatus(controller: try row.text(0), replica: try row.text(1), heartbeatAt: Timestamp(secondsSinceEpoch: try row.int(2)),
                             observedRevision: try row.int(3), message: try row.text(4))
        }
    }

    /// Turns a foreign-key failure on `cluster_uid` into `.notFound` for the cluster.
    private func clusterMustExist(_ clusterUID: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch SQLFailure.foreignKeyViolation {
            throw StoreError.notFound(kind: Cluster.kind, name: "uid \(clusterUID)")
        }
    }
}
