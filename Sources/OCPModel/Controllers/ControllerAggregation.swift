/// Folds external controllers' reports into a cluster's status, filtered by generation (architecture.md §9).
///
/// Pure: the reconciler applies it to the planner's status before writing, so one writer owns `status`.
public enum ControllerAggregation {
    /// Reason of Ready=False while required controllers have not reported Available at this generation.
    public static let notReadyReason = "ControllersNotReady"
    /// Reason of Degraded=True and Ready=False when a controller reports an error.
    public static let errorReason = "ControllerError"

    /// `own` (ocpctl's status) with `status.controllers`, `controllersReady`, and Ready/Degraded adjusted:
    /// Ready only when ocpctl's work is Ready and every required controller reports Available=True at `generation`;
    /// any controller error makes the cluster Degraded naming it. `previous` keeps transition times of unchanged conditions.
    public static func apply(to own: ClusterStatus, reports: [ControllerReport], required: [String], generation: Int64,
                             previous: ClusterStatus?, now: Timestamp) -> ClusterStatus {
        var status = own
        let sorted = reports.sorted { $0.controllerName < $1.controllerName }
        guard !sorted.isEmpty || !required.isEmpty else {
            status.controllers = nil
            status.controllersReady = nil
            return status
        }
        let byName = Dictionary(sorted.map { ($0.controllerName, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Set(required).union(byName.keys)
        let ready = names.filter { byName[$0]?.isAvailable(at: generation) == true }
        status.controllers = sorted
        status.controllersReady = "\(ready.count)/\(names.count)"

        let failing = sorted.filter { $0.lastError != nil }
        if !failing.isEmpty {
            let message = failing.map { "controller \($0.controllerName): \($0.lastError?.message ?? "")" }.joined(separator: "; ")
            if !status.conditions.isTrue(ConditionType.degraded) {
                status.conditions.set(ConditionType.degraded, .true, reason: errorReason, message: message, observedGeneration: generation, now: now)
            }
            if status.conditions.isTrue(ConditionType.ready) {
                status.conditions.set(ConditionType.ready, .false, reason: errorReason, message: message, observedGeneration: generation, now: now)
            }
        } else if status.conditions.condition(ConditionType.degraded)?.reason == errorReason {
            // The planner leaves a Degraded it did not set; the error it named is gone.
            status.conditions.set(ConditionType.degraded, .false, reason: "ControllersHealthy", message: "no controller reports an error",
                                  observedGeneration: generation, now: now)
        }
        if failing.isEmpty, status.conditions.isTrue(ConditionType.ready) {
            let waiting = required.filter { byName[$0]?.isAvailable(at: generation) != true }.sorted()
            if !waiting.isEmpty {
                let detail = waiting.map { name in
                    guard let report = byName[name] else { return "\(name) (no report)" }
                    return report.observedGeneration == generation ? "\(name) (not Available)"
                        : "\(name) (at generation \(report.observedGeneration) of \(generation))"
                }
                let message = "\(ready.count)/\(names.count) controllers ready; waiting for \(detail.joined(separator: ", "))"
                status.conditions.set(ConditionType.ready, .false, reason: notReadyReason, message: message, observedGeneration: generation, now: now)
            }
        }
        keepTransitionTimes(&status, previous: previous)
        return status
    }

    /// A condition whose status did not change since `previous` keeps its transition time.
    private static func keepTransitionTimes(_ status: inout ClusterStatus, previous: ClusterStatus?) {
        guard let previous else { return }
        for type in [ConditionType.ready, ConditionType.degraded] {
            guard let index = status.conditions.firstIndex(where: { $0.type == type }),
                  let before = previous.conditions.condition(type), before.status == status.conditions[index].status else { continue }
            status.conditions[index].lastTransitionTime = before.lastTransitionTime
        }
    }
}
