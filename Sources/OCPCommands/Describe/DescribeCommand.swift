import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl describe cluster NAME`: spec, status, conditions, recent operations and recent audit events.
struct DescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show a cluster in detail.")

    @OptionGroup var target: ClusterArguments

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let client = try connection.client()
        if try ResourceType.of(target.resource) == .syncSources {
            try await reportingErrors {
                print(SyncSourcePrinter.describe(try await client.getSyncSource(namespace: target.namespace, name: target.name)))
            }
            return
        }
        try await reportingErrors {
            let cluster = try await client.getCluster(namespace: target.namespace, name: target.name)
            let operations = try await client.operations(namespace: target.namespace, name: target.name)
            let events = try await client.events(namespace: target.namespace, name: target.name, limit: 10)
            print(Self.render(cluster, operations: operations.suffix(10), events: events))
        }
    }

    static func render(_ cluster: Cluster, operations: ArraySlice<OperationDocument>, events: [AuditEvent]) -> String {
        let now = Formatting.now
        let meta = cluster.metadata, spec = cluster.spec, status = cluster.status
        func map(_ values: [String: String]?) -> String {
            guard let values, !values.isEmpty else { return "<none>" }
            return values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        }
        var lines = [
            "Name:               \(meta.name)",
            "Namespace:          \(meta.namespace ?? "")",
            "Labels:             \(map(meta.labels))",
            "Annotations:        \(map(meta.annotations))",
            "UID:                \(meta.uid ?? "")",
            "Generation:         \(meta.generation ?? 0)",
            "Resource Version:   \(meta.resourceVersion ?? "")",
            "Created:            \(meta.creationTimestamp?.rfc3339 ?? "") (\(Formatting.age(meta.creationTimestamp, now: now)) ago)",
        ]
        if let deletion = meta.deletionTimestamp { lines.append("Deletion Requested: \(deletion.rfc3339)") }
        lines += [
            "Spec:",
            "  Profile:          \(spec.profile)",
            "  Version:          \(spec.version ?? "")",
            "  Region:           \(spec.region ?? "")",
            "  Base Domain:      \(spec.baseDomain ?? "")",
            "  Owner:            \(spec.owner ?? "")",
            "  Cost Center:      \(spec.costCenter ?? "")",
            "  TTL:              \(spec.ttl.map { "\($0)" } ?? "")",
            "  Workers:          \(spec.workers ?? 0)",
            "  Power State:      \(spec.powerState?.rawValue ?? "")",
            "  Tags:             \(map(spec.tags))",
        ]
        for schedule in spec.hibernation?.schedules ?? [] {
            lines.append("  Hibernation:      \(schedule.start ?? "-") .. \(schedule.end ?? "-") (\(schedule.location ?? "UTC"))")
        }
        if let override = spec.hibernation?.override {
            lines.append("  Override:         \(override.powerState) until \(override.until.rfc3339)")
        }
        lines += [
            "Status:",
            "  Phase:            \(status?.phase?.rawValue ?? "Pending")",
            "  Observed Gen:     \(status?.observedGeneration ?? 0)",
            "  Infra ID:         \(status?.infraID ?? "")",
            "  API URL:          \(status?.apiURL ?? "")",
            "  Console URL:      \(status?.consoleURL ?? "")",
            "  Workers:          \(status?.workers.map { "\($0.ready) ready of \($0.desired)" } ?? "")",
            "  Expires:          \(status?.expiresAt?.rfc3339 ?? "")",
            "  Next Transition:  \(status?.hibernation?.nextTransition.map { "\($0.powerState) at \($0.at.rfc3339)" } ?? "")",
            "Conditions:",
        ]
        let conditions = status?.conditions ?? []
        lines.append(indent(conditions.isEmpty ? "<none>" : Formatting.table(
            ["TYPE", "STATUS", "REASON", "GEN", "LAST TRANSITION", "MESSAGE"],
            conditions.map { [$0.type, $0.status.rawValue, $0.reason, $0.observedGeneration.map(String.init) ?? "", Formatting.age($0.lastTransitionTime, now: now), $0.message] })))
        if let ready = status?.controllersReady {
            lines.append("Controllers:        \(ready.split(separator: "/").count == 2 ? "\(ready) controllers ready" : ready)")
            let reports = status?.controllers ?? []
            if !reports.isEmpty {
                let generation = meta.generation ?? 1
                lines.append(indent(Formatting.table(["NAME", "GEN", "AVAILABLE", "UPDATED", "ERROR"], reports.map { report in
                    let available = report.conditions.first { $0.type == "Available" }?.status.rawValue ?? "Unknown"
                    let gen = report.observedGeneration == generation ? String(report.observedGeneration) : "\(report.observedGeneration) (stale)"
                    return [report.controllerName, gen, available, Formatting.age(report.lastUpdateTime, now: now), report.lastError?.message ?? ""]
                })))
            }
        }
        lines.append("Operations:")
        lines.append(indent(operations.isEmpty ? "<none>" : Formatting.table(
            ["TYPE", "STATE", "ATTEMPT", "GEN", "STARTED", "FINISHED", "REQUEST ID", "ERROR"],
            operations.map { record in
                let op = record.operation
                return [op.type.rawValue, op.state.rawValue, String(op.attempt), String(op.generation), Formatting.age(op.startedAt, now: now),
                        op.finishedAt.map { Formatting.age($0, now: now) } ?? "", record.requestID ?? "", op.error ?? ""]
            })))
        lines.append("Events:")
        lines.append(indent(events.isEmpty ? "<none>" : Formatting.table(
            ["AGE", "ACTOR", "VERB", "OUTCOME", "SUMMARY"],
            events.map { [Formatting.age($0.time, now: now), $0.actor, $0.verb, $0.outcome, $0.summary] })))
        return lines.joined(separator: "\n")
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
