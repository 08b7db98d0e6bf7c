import Foundation
import Logging
import OCPModel
@testable import OCPStore
import Testing

/// The backends the conformance suite runs on.
enum TestBackend: String, Sendable, CaseIterable {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"
}

/// Fresh, isolated databases for tests: a temporary directory for SQLite, a new database on the
/// server named by `OCPCTL_TEST_POSTGRES_URL` for PostgreSQL.
enum TestDatabases {
    static let environment = ProcessInfo.processInfo.environment
    static let postgresURL = environment["OCPCTL_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let isCI = environment["CI"] == "true"

    /// PostgreSQL tests run when a URL is given, and always on CI, where a missing URL fails them loudly.
    static let postgresEnabled = postgresURL != nil || isCI
    static let postgresDisabledReason: Comment =
        "PostgreSQL tests are disabled: set OCPCTL_TEST_POSTGRES_URL (hack/test.sh starts a throwaway server and sets it)"

    static let logger: Logger = {
        var logger = Logger(label: "ocpctl.store.test")
        logger.logLevel = .warning
        return logger
    }()

    /// A location no test has used.
    static func freshLocation(_ backend: TestBackend) async throws -> StoreLocation {
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("ocpctl-store-test-\(UUID().uuidString.prefix(8))").path
            return .sqlite(directory: directory)
        case .postgres:
            guard let adminURL = postgresURL else {
                Issue.record("CI=true but OCPCTL_TEST_POSTGRES_URL is not set: the PostgreSQL tests cannot run")
                throw TestDatabaseError.noPostgres
            }
            let name = "ocpctl_test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
            let url = try await withTimeout(seconds: 60, "create database \(name) at \(PostgresURL.redacted(adminURL))") {
                try await SQLStore.createPostgresDatabase(serverURL: adminURL, name: name)
            }
            return .postgres(url: url)
        }
    }

    /// Runs `body` with a store on a fresh database of `backend`.
    static func withFreshStore<T: Sendable>(_ backend: TestBackend, now: Timestamp,
                                            _ body: @escaping @Sendable (SQLStore, StoreLocation) async throws -> T) async throws -> T {
        let location = try await freshLocation(backend)
        defer { discard(location) }
        return try await withTimeout(seconds: 120, "test on \(location)") {
            try await SQLStore.withStore(at: location, now: now, logger: logger) { store in try await body(store, location) }
        }
    }

    /// Runs `body` with the raw database at `location`, applying no migrations: for upgrade tests.
    static func withUnmigratedBackend<T: Sendable>(_ location: StoreLocation, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        switch location {
        case let .sqlite(directory):
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let backend = try await SQLiteBackend.open(path: (directory as NSString).appendingPathComponent(SQLStore.sqliteFileName))
            do {
                let result = try await body(backend)
                try await backend.close()
                return result
            } catch {
                try? await backend.close()
                throw error
            }
        case let .postgres(url):
            return try await SQLStore.withPostgresBackend(url: url, maximumConnections: 2, listening: false, logger: logger, body)
        }
    }

    /// Removes a SQLite test directory; PostgreSQL test databases go with the throwaway server.
    static func discard(_ location: StoreLocation) {
        if case let .sqlite(directory) = location { try? FileManager.default.removeItem(atPath: directory) }
    }
}

enum TestDatabaseError: Error {
    case noPostgres
    case timedOut(String)
}

/// Fails instead of hanging when a server is unreachable; not a way to wait for time to pass.
func withTimeout<T: Sendable>(seconds: Int, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TestDatabaseError.timedOut("\(what) took more than \(seconds) s")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
