import OCPModel
import Testing

/// A destroy that fails (e.g. the cloud still has resources tagged for the cluster) is named in Degraded and retried
/// after the backoff, whether the cluster is being deleted or a failed install is being cleaned up.
@Suite("Planner: failed destroys")
struct PlannerDestroyFailureTests {
    let infraID = InfraID.make(name: "team-a-test-01", uid: "uid-team-a-test-01")
    let leak = "destroy left 2 resources tagged kubernetes.io/cluster/x: security-group x-node (sg-1), vpc x-vpc (vpc-1)"

    func plan(_ cluster: Cluster, observed: ObservedCluster?, operation: Operation?, at seconds: Int64) -> Plan {
        Planner.plan(PlanInput(cluster: cluster, profile: Fixtures.minimalProfile, observed: observed, operation: operation,
                               now: Fixtures.time(plusSeconds: seconds)))
    }

    func failedDestroy(finishedAt: Int64) -> Operation {
        Operation(id: "op-destroy", clusterUID: "uid-team-a-test-01", type: .destroy, state: .failed, generation: 1,
                  startedAt: Fixtures.time(plusSeconds: finishedAt - 5), finishedAt: Fixtures.time(plusSeconds: finishedAt), error: leak)
    }

    var leftovers: ObservedCluster {
        ObservedCluster(infraID: infraID, installed: false, controlPlaneReady: 0, workersReady: 0, resourceCount: 2)
    }

    @Test("while deleting: Degraded names what is left; the retry comes after the backoff")
    func deleting() {
        var cluster = Fixtures.cluster()
        cluster.metadata.deletionTimestamp = Fixtures.time(plusSeconds: 50)
        cluster.metadata.finalizers = [Cluster.finalizer]
        let waiting = plan(cluster, observed: leftovers, operation: failedDestroy(finishedAt: 100), at: 110)
        #expect(waiting.action == nil)
        let degraded = waiting.status.conditions.condition(ConditionType.degraded)
        #expect(degraded?.status == .true)
        #expect(degraded?.message.contains("security-group x-node (sg-1)") == true, "\(degraded?.message ?? "")")
        #expect(waiting.status.conditions.condition(ConditionType.progressing)?.reason == Reason.backingOff)
        let retry = plan(cluster, observed: leftovers, operation: failedDestroy(finishedAt: 100), at: 131)
        #expect(retry.action == .destroy(infraID: infraID, reason: .deletion))
        #expect(retry.status.conditions.condition(ConditionType.degraded)?.status == .true)
    }

    @Test("while cleaning up a failed install: the same backoff, and Degraded names what is left")
    func cleaningUp() {
        var cluster = Fixtures.cluster()
        cluster.status = plan(cluster, observed: nil, operation: nil, at: 0).status
        let waiting = plan(cluster, observed: leftovers, operation: failedDestroy(finishedAt: 100), at: 110)
        #expect(waiting.action == nil)
        #expect(waiting.status.conditions.condition(ConditionType.degraded)?.message.contains("vpc x-vpc (vpc-1)") == true)
        let retry = plan(cluster, observed: leftovers, operation: failedDestroy(finishedAt: 100), at: 131)
        #expect(retry.action == .destroy(infraID: infraID, reason: .leftovers))
    }
}
