import ArgumentParser
import OCPClient
import OCPModel

/// `ocpctl wait cluster/NAME --for=condition=Ready | --for=delete [--timeout 10m]`.
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until a cluster's condition holds for its current generation, or until it is deleted."
    )

    @Argument(help: "The cluster, as cluster/NAME.")
    var reference: String

    @Option(name: .customLong("for"), help: "condition=TYPE[=STATUS] (STATUS defaults to True), or delete.")
    var condition: String

    @Option(help: "Give up after this long (e.g. 90s, 10m, 1h).")
    var timeout: String = "10m"

    @Option(name: [.customShort("n"), .long], help: "Namespace of the cluster.")
    var namespace: String = ConnectionSource.defaultNamespace

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        _ = try ClusterReference.name(reference)
        _ = try Self.seconds(timeout)
        _ = try Self.target(condition)
    }

    func run() async throws {
        let client = try connection.client()
        let name = try ClusterReference.name(reference)
        let waiter = Waiter(client: client, namespace: namespace, name: name, timeout: try Self.seconds(timeout))
        try await reportingErrors {
            switch try Self.target(condition) {
            case .delete:
                try await waiter.untilDeleted()
                print("cluster.ocpctl.io/\(name) deleted")
            case let .condition(type, status):
                try await waiter.until(condition: type, status: status)
                print("cluster.ocpctl.io/\(name) condition met")
            }
        }
    }

    enum Target {
        case delete
        case condition(String, ConditionStatus)
    }

    static func target(_ text: String) throws -> Target {
        if text == "delete" { return .delete }
        let parts = text.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.count <= 3, parts[0] == "condition", !parts[1].isEmpty else {
            throw ValidationError("--for must be condition=TYPE[=STATUS] or delete, got \"\(text)\"")
        }
        guard let status = parts.count == 3 ? ConditionStatus(rawValue: parts[2]) : .true else {
            throw ValidationError("--for: condition status must be True, False or Unknown, got \"\(parts[2])\"")
        }
        return .condition(parts[1], status)
    }

    /// Seconds in `90s`, `10m`, `1h` or a bare number of seconds.
    static func seconds(_ text: String) throws -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        if let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()), value >= 0 { return value * unit }
        if let value = Double(text), value >= 0 { return value }
        throw ValidationError("--timeout: \"\(text)\" is not a duration such as 90s, 10m or 1h")
    }
}
