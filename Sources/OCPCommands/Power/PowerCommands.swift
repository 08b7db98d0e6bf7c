import ArgumentParser
import Foundation
import OCPClient
import OCPModel

/// `ocpctl hibernate cluster/NAME [--until 22:00]`: hibernate now, until a time or for good.
struct HibernateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hibernate",
        abstract: "Hibernate a cluster: until a time (an override of its schedules), or until resumed.")

    @OptionGroup var options: PowerOptions

    func validate() throws { try options.check() }

    func run() async throws { try await options.apply(.hibernating) }
}

/// `ocpctl resume cluster/NAME [--until 22:00]`: resume now, until a time or for good.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a cluster: until a time (an override of its schedules), or for good.")

    @OptionGroup var options: PowerOptions

    func validate() throws { try options.check() }

    func run() async throws { try await options.apply(.running) }
}

/// What hibernate and resume share: the cluster, `--until` and the connection.
struct PowerOptions: ParsableArguments {
    @OptionGroup var cluster: ClusterReferenceArguments

    @Option(help: "Hold the power state until HH:MM (local time, or --timezone), an RFC 3339 time, or for a duration (3h); the schedules take over then.")
    var until: String?

    @Option(help: "The IANA time zone an HH:MM --until is read in (default: this machine's).")
    var timezone: String?

    @OptionGroup var connection: ConnectionOptions

    func check() throws {
        _ = try cluster.name()
        _ = try zone()
    }

    func zone() throws -> ZoneClock {
        if let timezone {
            guard let zone = ZoneClock(identifier: timezone) else {
                throw ValidationError("--timezone: unknown time zone \"\(timezone.prefix(64))\": must be an IANA name such as Europe/Berlin")
            }
            return zone
        }
        return ZoneClock(identifier: TimeZone.current.identifier) ?? .utc
    }

    /// Sends the merge patch for `powerState` and prints what changed.
    func apply(_ powerState: PowerState) async throws {
        let name = try cluster.name()
        let namespace = cluster.namespace
        let client = try connection.client()
        let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        var until: Timestamp?
        if let text = self.until {
            do {
                until = try OverrideTime.parse(text, now: now, zone: try zone())
            } catch let error as FieldError {
                throw ValidationError(error.description)
            }
        }
        try await reportingErrors {
            let before = try await client.getCluster(namespace: namespace, name: name)
            let patch = PowerPatch.body(powerState, until: until, current: before.spec)
            let after = try await client.patchCluster(namespace: namespace, name: name, mergePatch: patch)
            let changed = after.metadata.resourceVersion != before.metadata.resourceVersion
            let verb = powerState == .hibernating ? "hibernating" : "running"
            print("cluster.ocpctl.io/\(name) \(changed ? verb : "unchanged")\(until.map { " until \($0.rfc3339)" } ?? "")")
        }
    }
}

/// The merge patch of `hibernate` and `resume`.
enum PowerPatch {
    /// With `until`, an override; without, `spec.powerState`, dropping an override the spec has.
    static func body(_ powerState: PowerState, until: Timestamp?, current: ClusterSpec) -> Data {
        let spec: [String: Any]
        if let until {
            spec = ["hibernation": ["override": ["powerState": powerState.rawValue, "until": until.rfc3339]]]
        } else if current.hibernation?.override != nil {
            spec = ["powerState": powerState.rawValue, "hibernation": ["override": NSNull()]]
        } else {
            spec = ["powerState": powerState.rawValue]
        }
        return (try? JSONSerialization.data(withJSONObject: ["spec": spec], options: [.sortedKeys])) ?? Data()
    }
}
