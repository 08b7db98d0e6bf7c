public import OCPModel

/// Per-cluster records besides the object: outputs, artifacts, usage samples; and RBAC mappings.
public protocol ClusterRecordStore: Sendable {
    /// Creates or replaces a cluster's outputs; `updatedAt` comes from `now`.
    func putClusterOutputs(_ outputs: ClusterOutputs, now: Timestamp) async throws -> ClusterOutputs

    /// A cluster's outputs, or nil.
    func getClusterOutputs(clusterUID: String) async throws -> ClusterOutputs?

    /// Records an artifact created at `now`.
    func addClusterArtifact(_ artifact: ClusterArtifact, now: Timestamp) async throws -> ClusterArtifact

    /// A cluster's artifacts, oldest first.
    func listClusterArtifacts(clusterUID: String) async throws -> [ClusterArtifact]

    /// Records a usage sample (one per cluster and time; a repeat replaces it).
    func recordUsage(_ sample: UsageSample) async throws

    /// Samples with `from <= time < to`, for one cluster or one namespace or all, in time order.
    func listUsage(clusterUID: String?, namespace: String?, from: Timestamp, to: Timestamp) async throws -> [UsageSample]

    /// Creates or replaces the mapping for (principal, team).
    func putRBACMapping(_ mapping: RBACMapping) async throws

    /// Mappings of one principal, or all, ordered by principal then team.
    func listRBACMappings(principal: String?) async throws -> [RBACMapping]

    /// Deletes the mapping for (principal, team); `.notFound` if absent.
    func deleteRBACMapping(principal: String, team: String) async throws
}
