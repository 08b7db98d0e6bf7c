public import OCPModel

/// The drivers of one control plane, one per profile platform, behind the one `CloudProvider` the controllers use,
/// as controller-runtime's manager hands every controller the same clients.
///
/// Calls about a cluster go to its platform's driver. Calls about an operation id or about tags go to every driver,
/// since ids and tags are unique across them.
public struct CloudDrivers: CloudProvider {
    /// Platform → driver.
    public let drivers: [String: any CloudProvider]
    /// Each driver once, however many platforms it serves.
    let distinct: [any CloudProvider]

    /// Each driver with the platforms it serves.
    public init(_ entries: [(platforms: [String], driver: any CloudProvider)]) {
        var drivers: [String: any CloudProvider] = [:]
        for entry in entries {
            for platform in entry.platforms { drivers[platform] = entry.driver }
        }
        self.drivers = drivers
        distinct = entries.map(\.driver)
    }

    /// The platforms that have a driver, sorted.
    public var platforms: [String] { drivers.keys.sorted() }

    /// Why a cluster of `platform` cannot be served, or nil when it can.
    public func unavailableReason(platform: String) -> String? {
        drivers[platform] == nil
            ? "no cloud driver for platform \"\(platform)\": this control plane drives \(platforms.isEmpty ? "none" : platforms.joined(separator: ", "))"
            : nil
    }

    func driver(_ target: CloudTarget) throws(CloudDriverMissing) -> any CloudProvider {
        let platform = target.platform ?? ""
        guard let driver = drivers[platform] ?? (target.platform == nil && drivers.count == 1 ? drivers.values.first : nil) else {
            throw CloudDriverMissing(platform: platform, available: platforms)
        }
        return driver
    }

    public func observe(_ target: CloudTarget) async throws -> ObservedCluster? {
        try await driver(target).observe(target)
    }

    public func start(_ request: CloudOperationRequest) async throws -> CloudOperationStatus {
        try await driver(request.target).start(request)
    }

    public func operation(id: String) async throws -> CloudOperationStatus? {
        for driver in distinct {
            if let status = try await driver.operation(id: id) { return status }
        }
        return nil
    }

    public func resources(taggedWith key: String, value: String?) async throws -> [CloudResource] {
        var all: [CloudResource] = []
        for driver in distinct { all += try await driver.resources(taggedWith: key, value: value) }
        return all
    }

    public func deleteResources(ids: [String]) async throws {
        for driver in distinct { try await driver.deleteResources(ids: ids) }
    }

    public func outputs(_ target: CloudTarget) async throws -> CloudOutputs? {
        try await driver(target).outputs(target)
    }

    public func readOutput(ref: String) async throws -> String? {
        for driver in distinct {
            if let value = try await driver.readOutput(ref: ref) { return value }
        }
        return nil
    }
}

/// A cluster whose platform no driver serves.
public struct CloudDriverMissing: Error, Sendable, Hashable, CustomStringConvertible {
    public var platform: String
    public var available: [String]

    public var description: String {
        "no cloud driver for platform \"\(platform)\": this control plane drives \(available.isEmpty ? "none" : available.joined(separator: ", "))"
    }
}
